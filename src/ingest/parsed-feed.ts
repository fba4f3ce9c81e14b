/** The feed formats Newsgate reads. */
export type FeedFormat = "rss-0.9x" | "rss-1.0" | "rss-2.0" | "atom-1.0" | "json-feed-1.0" | "json-feed-1.1";

/** An image as a feed names it. */
export interface ParsedImage {
  url: string;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
}

/** A person a feed names as an item's (or the feed's) author. */
export interface ParsedAuthor {
  name: string | null;
  url?: string | null;
  email?: string | null;
}

/** A file an item carries that is not an image: an enclosure, media:content, a JSON Feed attachment. */
export interface ParsedAttachment {
  url: string;
  mimeType?: string | null;
  sizeInBytes?: number | null;
  durationInSeconds?: number | null;
  title?: string | null;
}

/** One item as the feed gives it, before normalization: text as written, dates unparsed. */
export interface ParsedItem {
  guid: string | null;
  title: string | null;
  /** True when the title is HTML (Atom type="html"/"xhtml") rather than plain text. */
  titleIsHtml?: boolean;
  link: string | null;
  /** The summary or description; may be HTML. */
  summary: string | null;
  /** The full content as HTML (content:encoded, Atom content, content_html). */
  content: string | null;
  /** The first author's name as written (kept for the single-author field). */
  author: string | null;
  /** Every author the item names, in feed order (the feed's own when the item names none). */
  authors?: ParsedAuthor[];
  published: string | null;
  updated: string | null;
  categories: string[];
  /** Images the feed names (enclosures, media:*, itunes:image, JSON image), in feed order. */
  images: ParsedImage[];
  /** Audio, video and other files the item carries (images excluded), in feed order. */
  attachments?: ParsedAttachment[];
  language?: string | null;
  /**
   * The xml:base in force for the item, when the document sets one: absolute, or relative to
   * the document's own URL (resolved on normalization). Links of the item are already resolved
   * against it as far as it goes.
   */
  base?: string | null;
  /** The base of the content when the content element sets its own xml:base. */
  contentBase?: string | null;
}

/** A whole feed as parsed. */
export interface ParsedFeed {
  format: FeedFormat;
  title: string | null;
  /** The site's address (not the feed's own). */
  link: string | null;
  language: string | null;
  /** RSS <ttl>: minutes the feed may be cached. */
  ttlMinutes: number | null;
  items: ParsedItem[];
  /**
   * How many item elements (RSS item, Atom entry, JSON Feed items[]) the document holds,
   * read or not: more than zero with no item read is a failure the operator must see.
   */
  itemsInDocument?: number;
  /** Problems that did not stop the parse (e.g. truncated XML: the complete items were kept). */
  warnings: string[];
}

/** A document that is not a feed Newsgate can read. */
export class FeedParseError extends Error {
  override name = "FeedParseError";
}
