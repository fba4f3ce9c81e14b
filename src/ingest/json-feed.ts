import { FeedParseError, type ParsedFeed, type ParsedImage, type ParsedItem } from "./parsed-feed";

type Json = Record<string, unknown>;

const str = (value: unknown): string | null => (typeof value === "string" && value.trim() ? value.trim() : null);
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null && !Array.isArray(value);

/** Reads JSON Feed 1.0 and 1.1 (https://jsonfeed.org/version/1, /1.1). */
export function parseJsonFeed(text: string): ParsedFeed {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new FeedParseError(`malformed JSON: ${(error as Error).message}`);
  }
  if (!isObject(doc) || !/jsonfeed\.org\/version\/1/.test(String(doc.version ?? ""))) {
    throw new FeedParseError('not a JSON Feed: the document has no "version": "https://jsonfeed.org/version/1.1"');
  }
  const items = Array.isArray(doc.items) ? doc.items.filter(isObject) : [];
  const feedAuthor = authorOf(doc);
  return {
    format: /version\/1\.1/.test(String(doc.version)) ? "json-feed-1.1" : "json-feed-1.0",
    title: str(doc.title),
    link: str(doc.home_page_url),
    language: str(doc.language),
    ttlMinutes: null,
    items: items.map((item) => parseItem(item, feedAuthor)),
    warnings: Array.isArray(doc.items) ? [] : ['the feed has no "items" list'],
  };
}

function authorOf(owner: Json): string | null {
  const authors = Array.isArray(owner.authors) ? owner.authors : isObject(owner.author) ? [owner.author] : [];
  const names = authors.filter(isObject).map((a) => str(a.name)).filter((n): n is string => n !== null);
  return names.length ? names.join(", ") : null;
}

const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

function parseItem(item: Json, feedAuthor: string | null): ParsedItem {
  const id = typeof item.id === "number" ? String(item.id) : str(item.id);
  const images: ParsedImage[] = [str(item.image), str(item.banner_image)].filter((u): u is string => u !== null).map((url) => ({ url }));
  const text = str(item.content_text);
  return {
    guid: id,
    title: str(item.title),
    link: str(item.url) ?? str(item.external_url),
    summary: str(item.summary),
    content: str(item.content_html) ?? (text ? `<p>${escapeHtml(text).replace(/\n\s*\n/g, "</p><p>")}</p>` : null),
    author: authorOf(item) ?? feedAuthor,
    published: str(item.date_published),
    updated: str(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((t): t is string => t !== null) : [],
    images,
    language: str(item.language),
  };
}
