import { escapeHtml } from "../text/escape-html";
import { uniqueAuthors } from "./authors";
import { FeedParseError, type ParsedAttachment, type ParsedAuthor, type ParsedFeed, type ParsedImage, type ParsedItem } from "./parsed-feed";

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
    itemsInDocument: Array.isArray(doc.items) ? doc.items.length : 0,
    warnings: Array.isArray(doc.items) ? [] : ['the feed has no "items" list'],
  };
}

/** The authors of a feed or item: 1.1's `authors`, else 1.0's `author`. */
function authorOf(owner: Json): ParsedAuthor[] {
  const list = Array.isArray(owner.authors) && owner.authors.length ? owner.authors : isObject(owner.author) ? [owner.author] : [];
  return uniqueAuthors(list.filter(isObject).map((a) => ({ name: str(a.name), url: str(a.url) })).filter((a) => a.name !== null));
}

const positive = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) && value > 0 ? value : null);

const isImageType = (mimeType: string | null | undefined) => /^image\//i.test(mimeType ?? "");

function attachmentsOf(item: Json): ParsedAttachment[] {
  if (!Array.isArray(item.attachments)) return [];
  return item.attachments.filter(isObject).flatMap((a): ParsedAttachment[] => {
    const url = str(a.url);
    if (!url) return [];
    const seconds = positive(a.duration_in_seconds);
    return [{ url, mimeType: str(a.mime_type), sizeInBytes: positive(a.size_in_bytes), durationInSeconds: seconds === null ? null : Math.round(seconds), title: str(a.title) }];
  });
}


function parseItem(item: Json, feedAuthor: ParsedAuthor[]): ParsedItem {
  const id = typeof item.id === "number" ? String(item.id) : str(item.id);
  const images: ParsedImage[] = [str(item.image), str(item.banner_image)].filter((u): u is string => u !== null).map((url) => ({ url }));
  const text = str(item.content_text);
  const files = attachmentsOf(item);
  for (const file of files) if (isImageType(file.mimeType)) images.push({ url: file.url });
  const own = authorOf(item);
  const people = own.length ? own : feedAuthor;
  return {
    guid: id,
    title: str(item.title),
    link: str(item.url) ?? str(item.external_url),
    summary: str(item.summary),
    content: str(item.content_html) ?? (text ? `<p>${escapeHtml(text).replace(/\n\s*\n/g, "</p><p>")}</p>` : null),
    author: people[0]?.name ?? null,
    authors: people,
    published: str(item.date_published),
    updated: str(item.date_modified),
    categories: Array.isArray(item.tags) ? item.tags.map(str).filter((t): t is string => t !== null) : [],
    images,
    attachments: files.filter((file) => !isImageType(file.mimeType)),
    language: str(item.language),
  };
}
