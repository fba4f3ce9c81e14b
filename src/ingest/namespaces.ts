import type { XmlElement } from "./xml-tree";

/** A feed vocabulary: its namespace URI, other URIs found in use for it, and its usual prefixes. */
export interface Namespace {
  uri: string;
  also?: readonly string[];
  prefix: string;
  prefixes?: readonly string[];
}

/** Namespaces of the feed vocabularies read, with the prefix each is usually bound to. */
export const NS = {
  atom: { uri: "http://www.w3.org/2005/Atom", prefix: "atom", prefixes: ["atom10"] },
  atom03: { uri: "http://purl.org/atom/ns#", prefix: "atom03" },
  content: { uri: "http://purl.org/rss/1.0/modules/content/", prefix: "content" },
  dc: { uri: "http://purl.org/dc/elements/1.1/", prefix: "dc" },
  dcterms: { uri: "http://purl.org/dc/terms/", prefix: "dcterms" },
  media: { uri: "http://search.yahoo.com/mrss/", also: ["http://video.search.yahoo.com/mrss", "http://tools.search.yahoo.com/mrss"], prefix: "media" },
  itunes: { uri: "http://www.itunes.com/dtds/podcast-1.0.dtd", also: ["http://www.itunes.com/DTDs/Podcast-1.0.dtd"], prefix: "itunes" },
  rdf: { uri: "http://www.w3.org/1999/02/22-rdf-syntax-ns#", prefix: "rdf" },
  rss10: { uri: "http://purl.org/rss/1.0/", prefix: "rss" },
  rss090: { uri: "http://my.netscape.com/rdf/simple/0.9/", prefix: "rss" },
  rss2userland: { uri: "http://backend.userland.com/rss2", also: ["http://backend.userland.com/rss"], prefix: "rss" },
} satisfies Record<string, Namespace>;

/** A namespace URI compared loosely: case, scheme and a trailing slash or hash do not matter. */
const loose = (uri: string) => uri.trim().toLowerCase().replace(/^https:/, "http:").replace(/[/#]+$/, "");

/** True when a URI names the namespace. */
export function isNsUri(uri: string, ns: Namespace): boolean {
  const u = loose(uri);
  return u === loose(ns.uri) || (ns.also ?? []).some((a) => loose(a) === u);
}

/** True when a namespace URI is bound (an unbound prefix leaves the prefix itself as the URI). */
const isBound = (element: XmlElement) => /[:/]/.test(element.uri);

/**
 * True when an element is in a namespace: by URI (tolerating case, scheme and a trailing
 * slash), or, when the feed forgot to declare the prefix, by its usual prefix.
 */
export function inNs(element: XmlElement, ns: Namespace): boolean {
  if (isBound(element)) return isNsUri(element.uri, ns);
  const colon = element.name.indexOf(":");
  if (colon < 0) return false;
  const prefix = element.name.slice(0, colon).toLowerCase();
  return prefix === ns.prefix || (ns.prefixes ?? []).includes(prefix);
}

/** True when an element has no namespace: none declared and no prefix. */
export function unqualified(element: XmlElement): boolean {
  return !element.uri && !element.name.includes(":");
}

/** Elements among the children with a local name in a namespace. */
export function nsChildren(element: XmlElement, local: string, ns: Namespace): XmlElement[] {
  return element.children.filter((c): c is XmlElement => typeof c !== "string" && c.local === local && inNs(c, ns));
}

/** The first such element, or undefined. */
export function nsChild(element: XmlElement, local: string, ns: Namespace): XmlElement | undefined {
  return nsChildren(element, local, ns)[0];
}
