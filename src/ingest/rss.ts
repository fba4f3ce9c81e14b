import { mediaImages } from "./media";
import { NS, inNs, nsChild, nsChildren } from "./namespaces";
import type { FeedFormat, ParsedFeed, ParsedItem } from "./parsed-feed";
import { childElements, textOf, type XmlElement } from "./xml-tree";

const text = (element: XmlElement | undefined): string | null => {
  const value = textOf(element).trim();
  return value ? value : null;
};

/** A child in no namespace or in the RSS 1.0/0.90 one (never content:, dc:, media:…). */
function plain(parent: XmlElement, local: string): XmlElement | undefined {
  return childElements(parent, local).find((c) => !c.uri || /purl\.org\/rss\/1\.0\/$|netscape\.com\/rdf\/simple/.test(c.uri));
}

/**
 * Reads RSS 0.91/0.92/2.0 (`<rss><channel><item>`) and RSS 1.0/0.90 (`<rdf:RDF>` with items
 * beside the channel), with the content:, dc:, media: and itunes: extensions.
 */
export function parseRss(root: XmlElement): ParsedFeed {
  const rdf = root.local === "RDF";
  const channel = plain(root, "channel") ?? root;
  const version = root.attrs.version ?? "";
  const format: FeedFormat = rdf ? "rss-1.0" : /^0\.9/.test(version) ? "rss-0.9x" : "rss-2.0";
  // Items belong in the channel (RSS 2.0) or beside it (RSS 1.0); broken feeds mix both.
  const itemElements = [...childElements(channel, "item"), ...(channel === root ? [] : childElements(root, "item"))].filter(
    (item) => !item.uri || !inNs(item, NS.atom),
  );
  const ttl = Number(text(plain(channel, "ttl")));
  return {
    format,
    title: text(plain(channel, "title")),
    link: text(plain(channel, "link")),
    language: text(plain(channel, "language")) ?? text(nsChild(channel, "language", NS.dc)),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: itemElements.filter((item) => item.complete).map(parseItem),
    warnings: [],
  };
}

function parseItem(item: XmlElement): ParsedItem {
  const guid = plain(item, "guid");
  const about = item.attrs["rdf:about"] ?? item.attrs.about;
  const categories = [...childElements(item, "category").filter((c) => !c.uri), ...nsChildren(item, "subject", NS.dc)]
    .map((c) => textOf(c).trim())
    .filter(Boolean);
  return {
    guid: text(guid) ?? about ?? null,
    title: text(plain(item, "title")) ?? text(nsChild(item, "title", NS.dc)),
    link: text(plain(item, "link")) ?? (guid && guid.attrs.isPermaLink !== "false" && /^https?:/i.test(textOf(guid).trim()) ? textOf(guid).trim() : null),
    summary: text(plain(item, "description")) ?? text(nsChild(item, "description", NS.dc)),
    content: text(nsChild(item, "encoded", NS.content)),
    author: text(nsChild(item, "creator", NS.dc)) ?? authorName(text(plain(item, "author"))),
    published: text(plain(item, "pubDate")) ?? text(nsChild(item, "date", NS.dc)),
    updated: text(nsChild(item, "modified", NS.dc)),
    categories,
    images: mediaImages(item),
  };
}

/** RSS <author> is "email (Name)" by the spec; the name alone is what readers want. */
function authorName(value: string | null): string | null {
  if (!value) return null;
  const match = /^\S+@\S+\s*\((.+)\)$/.exec(value);
  return match ? match[1].trim() : value;
}
