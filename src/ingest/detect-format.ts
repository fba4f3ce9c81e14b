import type { XmlElement } from "./xml-tree";

/** What a document looks like before it is parsed: decided by its content, not its Content-Type. */
export type DocumentKind = "json" | "xml" | "html" | "unknown";

/** Sniffs a decoded document: JSON, XML, an HTML page, or something else. */
export function sniffDocument(text: string): DocumentKind {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, "").trimStart();
  if (head.startsWith("{")) return "json";
  if (/^<!doctype\s+html|^<html[\s>]/i.test(head)) return "html";
  if (head.startsWith("<")) {
    // An XML prolog may precede an HTML page; its root decides.
    const root = /<([A-Za-z][\w:.-]*)[\s>/]/.exec(head.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->|<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, ""));
    return root && /^html$/i.test(root[1]) ? "html" : "xml";
  }
  return "unknown";
}

export type XmlFeedKind = "rss" | "atom" | null;

/** The feed vocabulary of a parsed XML root: `<rss>`, `<rdf:RDF>` (and a bare `<channel>`) are RSS, `<feed>` is Atom (1.0 or 0.3). */
export function xmlFeedKind(root: XmlElement): XmlFeedKind {
  if (root.local === "rss" || root.local === "RDF" || root.local === "channel") return "rss";
  if (root.local === "feed") return "atom";
  return null;
}
