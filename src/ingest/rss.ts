import { alternateLink, atomPeople } from "./atom";
import { authorFromText, uniqueAuthors } from "./authors";
import { parseDuration } from "./duration";
import { mediaAttachments, mediaImages } from "./media";
import { NS, inNs, nsChild, nsChildren, unqualified } from "./namespaces";
import type { FeedFormat, ParsedAuthor, ParsedFeed, ParsedItem } from "./parsed-feed";
import { baseOf, urlIn } from "./xml-base";
import { childElements, textOf, type XmlElement } from "./xml-tree";

const text = (element: XmlElement | undefined): string | null => {
  const value = textOf(element).trim();
  return value ? value : null;
};

/** The first non-empty text among elements. */
const firstText = (...elements: (XmlElement | undefined)[]): string | null => {
  for (const element of elements) {
    const value = text(element);
    if (value) return value;
  }
  return null;
};

/**
 * Reads RSS 0.91/0.92/2.0 (`<rss><channel><item>`, also in the old userland namespace or
 * another default namespace) and RSS 1.0/0.90 (`<rdf:RDF>` with items beside the channel),
 * with the content:, dc:, dcterms:, media:, itunes: and atom: extensions, prefixes read by
 * their usual namespace when the feed forgot to declare them.
 */
export function parseRss(root: XmlElement): ParsedFeed {
  const rdf = root.local === "RDF";
  const ownNs = !rdf && /[:/]/.test(root.uri) && !inNs(root, NS.atom) ? root.uri : null;
  /** An element of RSS itself: in no namespace, in RSS 1.0/0.90's, the userland one or the root's own. */
  const isRss = (c: XmlElement) =>
    unqualified(c) || (ownNs !== null && c.uri === ownNs) || inNs(c, NS.rss10) || inNs(c, NS.rss090) || inNs(c, NS.rss2userland);
  const plain = (parent: XmlElement, local: string) => childElements(parent, local).find(isRss);
  const plainAll = (parent: XmlElement, local: string) => childElements(parent, local).filter(isRss);

  const channel = root.local === "channel" ? root : plain(root, "channel") ?? root;
  const version = root.attrs.version ?? "";
  const format: FeedFormat = rdf ? "rss-1.0" : /^0\.9/.test(version) ? "rss-0.9x" : "rss-2.0";
  const rootBase = baseOf(root, null);
  const channelBase = channel === root ? rootBase : baseOf(channel, rootBase);
  // Items belong in the channel (RSS 2.0) or beside it (RSS 1.0); broken feeds mix both.
  const itemElements = [...plainAll(channel, "item"), ...(channel === root ? [] : plainAll(root, "item"))];
  // A cut-off document keeps its complete items; one whose every item was cut keeps what they hold.
  const complete = itemElements.filter((item) => item.complete);
  const readable = complete.length ? complete : itemElements.filter((item) => plain(item, "title") ?? plain(item, "link") ?? plain(item, "guid"));
  const channelLink = plain(channel, "link");
  const ttl = Number(text(plain(channel, "ttl")));

  function parseItem(item: XmlElement): ParsedItem {
    const base = baseOf(item, channelBase);
    const guid = plain(item, "guid");
    const guidText = text(guid);
    const about = item.attrs["rdf:about"] ?? item.attrs.about;
    const linkElement = plainAll(item, "link").find((l) => text(l));
    // Attribute names are matched regardless of case: isPermalink="false" is common.
    const permaLink = guid && Object.entries(guid.attrs).find(([key]) => key.toLowerCase() === "ispermalink")?.[1];
    const permalinkGuid = guid && guidText && permaLink?.trim().toLowerCase() !== "false" && /^(https?:\/\/|\/)/i.test(guidText);
    const group = nsChild(item, "group", NS.media);
    const categories = [...plainAll(item, "category"), ...nsChildren(item, "subject", NS.dc)].map((c) => textOf(c).trim()).filter(Boolean);
    const authors = uniqueAuthors([
      ...nsChildren(item, "creator", NS.dc).flatMap(creators),
      ...plainAll(item, "author").map((a) => authorFromText(text(a))),
      ...atomPeople(item, "author", base),
      ...nsChildren(item, "author", NS.itunes).map((a) => authorFromText(text(a))),
    ]);
    // The channel's own dc:creator or itunes:author names the publisher, not each item's
    // writer: an item that names nobody has no author, as feed readers show it.
    const people = authors;
    const contentElement = nsChild(item, "encoded", NS.content);
    const description = plain(item, "description");
    const ownBase = [contentElement, description].find((e) => e?.attrs["xml:base"] !== undefined);
    return {
      guid: guidText ?? about ?? null,
      title: firstText(plain(item, "title"), nsChild(item, "title", NS.dc), nsChild(item, "title", NS.media), group && nsChild(group, "title", NS.media)),
      link:
        (linkElement && urlIn(linkElement, text(linkElement), base)) ??
        alternateLink(item, base) ??
        (permalinkGuid ? urlIn(guid, guidText, base) : null),
      summary: firstText(
        description,
        nsChild(item, "description", NS.dc),
        nsChild(item, "summary", NS.itunes),
        nsChild(item, "subtitle", NS.itunes),
        nsChild(item, "description", NS.media),
        group && nsChild(group, "description", NS.media),
      ),
      content: text(contentElement),
      author: people[0] ? people[0].name ?? people[0].email ?? null : null,
      authors: people,
      published: firstText(
        plain(item, "pubDate"),
        nsChild(item, "date", NS.dc),
        nsChild(item, "issued", NS.dcterms),
        nsChild(item, "created", NS.dcterms),
        nsChild(item, "published", NS.atom),
      ),
      updated: firstText(nsChild(item, "modified", NS.dcterms), nsChild(item, "modified", NS.dc), nsChild(item, "updated", NS.atom)),
      categories,
      images: mediaImages(item, base),
      attachments: mediaAttachments(item, base, parseDuration(text(nsChild(item, "duration", NS.itunes)))),
      base,
      contentBase: ownBase ? baseOf(ownBase, base) : undefined,
    };
  }

  return {
    format,
    title: firstText(plain(channel, "title"), nsChild(channel, "title", NS.dc)),
    link: (channelLink && urlIn(channelLink, text(channelLink), channelBase)) ?? alternateLink(channel, channelBase),
    language: firstText(plain(channel, "language"), nsChild(channel, "language", NS.dc)),
    ttlMinutes: Number.isFinite(ttl) && ttl > 0 ? ttl : null,
    items: readable.map(parseItem),
    itemsInDocument: itemElements.length,
    warnings: [],
  };
}

/** The authors of a dc:creator: its text, or the members of an rdf:Seq/Bag inside it. */
function creators(element: XmlElement): (ParsedAuthor | null)[] {
  const list = childElements(element).find((c) => inNs(c, NS.rdf) && /^(Seq|Bag|Alt)$/.test(c.local));
  if (list) return nsChildren(list, "li", NS.rdf).map((li) => authorFromText(textOf(li)));
  return [authorFromText(textOf(element))];
}
