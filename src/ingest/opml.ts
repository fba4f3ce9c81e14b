import { parseXml, type XmlElement } from "./xml-tree";

/** A feed listed in an OPML file. */
export interface OpmlFeed {
  url: string;
  name: string | null;
}

/** Thrown when a file is not OPML that Newsgate can read. */
export class OpmlError extends Error {
  override name = "OpmlError";
}

/**
 * The feeds of an OPML 1.0/2.0 subscription list: every <outline> with an xmlUrl, at any
 * depth (folders are flattened), named by its title or text. Entities are never expanded
 * from a DTD, as for feeds.
 */
export function parseOpml(text: string): OpmlFeed[] {
  const { root, errors } = parseXml(text.replace(/^\uFEFF/, ""));
  if (!root || root.local !== "opml") throw new OpmlError(`not an OPML file: ${root ? `the root element is <${root.name}>, expected <opml>` : (errors[0] ?? "no XML found")}`);
  const feeds: OpmlFeed[] = [];
  const seen = new Set<string>();
  const visit = (element: XmlElement) => {
    for (const node of element.children) {
      if (typeof node === "string" || node.local !== "outline") continue;
      const url = node.attrs.xmlUrl?.trim();
      if (url && !seen.has(url)) {
        seen.add(url);
        feeds.push({ url, name: node.attrs.title?.trim() || node.attrs.text?.trim() || null });
      }
      visit(node);
    }
  };
  const body = root.children.find((c): c is XmlElement => typeof c !== "string" && c.local === "body");
  if (body) visit(body);
  return feeds;
}

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** An OPML 2.0 document listing feeds, for other readers to import. */
export function buildOpml(feeds: readonly { url: string; name: string; kind?: string }[], title = "Newsgate sources", now = new Date()): string {
  const outlines = feeds.map((feed) => {
    const type = feed.kind === "ATOM" ? "atom" : feed.kind === "JSON_FEED" ? "json" : "rss";
    return `    <outline type="${type}" text="${escape(feed.name)}" title="${escape(feed.name)}" xmlUrl="${escape(feed.url)}"/>`;
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    "  <head>",
    `    <title>${escape(title)}</title>`,
    `    <dateCreated>${now.toUTCString()}</dateCreated>`,
    "  </head>",
    "  <body>",
    ...outlines,
    "  </body>",
    "</opml>",
  ].join("\n");
}
