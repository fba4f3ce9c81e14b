import type { XmlElement } from "./xml-tree";

/** Namespaces of the feed vocabularies read, with the prefix each is usually bound to. */
export const NS = {
  atom: { uri: "http://www.w3.org/2005/Atom", prefix: "atom" },
  content: { uri: "http://purl.org/rss/1.0/modules/content/", prefix: "content" },
  dc: { uri: "http://purl.org/dc/elements/1.1/", prefix: "dc" },
  media: { uri: "http://search.yahoo.com/mrss/", prefix: "media" },
  itunes: { uri: "http://www.itunes.com/dtds/podcast-1.0.dtd", prefix: "itunes" },
  rdf: { uri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", prefix: "rdf" },
} as const;

type Namespace = (typeof NS)[keyof typeof NS];

/**
 * True when an element is in a namespace: by URI (tolerating a missing trailing slash), or,
 * when the feed forgot to declare the prefix, by its usual prefix.
 */
export function inNs(element: XmlElement, ns: Namespace): boolean {
  if (element.uri) return element.uri.replace(/\/$/, "") === ns.uri.replace(/\/$/, "");
  return element.name.startsWith(`${ns.prefix}:`);
}

/** Elements among the children with a local name in a namespace. */
export function nsChildren(element: XmlElement, local: string, ns: Namespace): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.local === local && inNs(c, ns));
}

/** The first such element, or undefined. */
export function nsChild(element: XmlElement, local: string, ns: Namespace): XmlElement | undefined {
  return nsChildren(element, local, ns)[0];
}
