import { createHash } from "node:crypto";

/** What a GraphQL answer depends on besides the URL and body: the media type and encoding asked for. */
export const GRAPHQL_VARY = "accept, accept-encoding";

/**
 * A Vary header naming what `existing` names and `names` too, each once (CORS adds Origin
 * where the allowed origin is echoed; answers must keep it for shared caches).
 */
export function varyWith(existing: unknown, names: string): string {
  const list: string[] = [];
  const seen = new Set<string>();
  for (const name of `${Array.isArray(existing) ? existing.join(",") : (existing ?? "")},${names}`.split(",")) {
    const trimmed = name.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) {
      seen.add(trimmed.toLowerCase());
      list.push(trimmed);
    }
  }
  return list.join(", ");
}

/** The strong ETag of a body: a hash of its bytes. */
export const etagOf = (body: string | Buffer): string => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** True when If-None-Match names the ETag, in any encoding (see encodedEtag). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(0, -1);
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === etag || candidate === `${base}-br"` || candidate === `${base}-gzip"`;
  });
}
