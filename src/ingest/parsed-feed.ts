/** The feed formats Newsgate reads. */
export type FeedFormat = "rss-0.9x" | "rss-1.0" | "rss-2.0" | "atom-1.0" | "json-feed-1.0" | "json-feed-1.1";

/** An image as a feed names it. */
export interface ParsedImage {
  url: string;
  alt?: string | null;
  width?: number | null;
  height?: number | null;
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
  author: string | null;
  published: string | null;
  updated: string | null;
  categories: string[];
  /** Images the feed names (enclosures, media:*, itunes:image, JSON image), in feed order. */
  images: ParsedImage[];
  language?: string | null;
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
  /** Problems that did not stop the parse (e.g. truncated XML: the complete items were kept). */
  warnings: string[];
}

/** A document that is not a feed Newsgate can read. */
export class FeedParseError extends Error {
  override name = "FeedParseError";
}
