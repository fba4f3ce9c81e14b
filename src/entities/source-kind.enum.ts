import { registerEnumType } from "type-graphql";

/** Where a source's articles come from. */
export enum SourceKind {
  RSS = "RSS",
  ATOM = "ATOM",
  JSON_FEED = "JSON_FEED",
  NEWSROOM = "NEWSROOM",
  SEED = "SEED",
  MANUAL = "MANUAL",
}

registerEnumType(SourceKind, { name: "SourceKind", description: "Where a source's articles come from." });
