import type { ArticleDraft, AttachmentDraft, AuthorDraft, ImageDraft, LinkDraft } from "../store/article-draft";
import { htmlToText } from "../text/html-text";
import { sanitizeHtml } from "../text/sanitize-html";
import { slugify } from "../text/slugify";
import { canonicalUrl, resolveUrl } from "./canonical-url";
import { parseFeedDate } from "./feed-dates";
import { htmlParts } from "./html-parts";
import type { ParsedFeed, ParsedItem } from "./parsed-feed";

/** The longest teaser kept, in characters; longer summaries are cut at a word. */
const MAX_TEASER = 1000;
const MAX_TITLE = 1000;

export interface NormalizeContext {
  /** The address the feed was fetched from (after redirects): the base of relative URLs. */
  feedUrl: string;
  /** When this fetch saw the items: the date of items whose own date cannot be read. */
  firstSeen: Date;
}

/** At most this many items of one document are read: the newest by date. */
export const MAX_ITEMS = 1000;
const MAX_TAGS = 50;
const MAX_ATTACHMENTS = 20;
const MAX_AUTHORS = 50;

/**
 * Turns parsed items into drafts for the write path: titles and teasers as plain text,
 * bodies sanitized with relative URLs resolved against xml:base, else the item, else the
 * feed's site; URLs in canonical form, dates read or else the first-seen time, tags,
 * authors, images, attachments and links gathered.
 *
 * Within the feed an item is known by its guid; lacking one, by its URL when no other item
 * has it, else by its text. Items repeating an earlier one are dropped, so a feed with
 * duplicates stores each story once and re-reading it writes nothing. A URL several items
 * share (a podcast whose episodes all link to the show) is not their permalink:
 * `urlIsPermalink` is false. A document of more than MAX_ITEMS items keeps the newest,
 * with a warning on the feed.
 */
export function normalizeFeed(feed: ParsedFeed, context: NormalizeContext): ArticleDraft[] {
  const siteBase = resolveUrl(feed.link, context.feedUrl) ?? context.feedUrl;
  const all = newest(feed, context).map((item) => normalizeItem(item, feed, siteBase, context)).filter((d): d is ArticleDraft => d !== null);
  const textKey = (draft: ArticleDraft) => `text:${JSON.stringify([draft.title, draft.teaser, draft.body, draft.url])}`;
  const owners = new Map<string, Set<string>>();
  for (const draft of all) {
    if (!draft.url) continue;
    const set = owners.get(draft.url) ?? new Set<string>();
    set.add(draft.guid ? `guid:${draft.guid}` : textKey(draft));
    owners.set(draft.url, set);
  }
  const seen = new Set<string>();
  const drafts: ArticleDraft[] = [];
  for (const draft of all) {
    const shared = !!draft.url && (owners.get(draft.url)?.size ?? 0) > 1;
    const key = draft.guid ? `guid:${draft.guid}` : draft.url && !shared ? `url:${draft.url}` : textKey(draft);
    if (seen.has(key)) continue;
    seen.add(key);
    if (shared) draft.urlIsPermalink = false;
    drafts.push(draft);
  }
  return drafts;
}

/**
 * The feed's items, or its newest MAX_ITEMS (by their dates; undated ones as first seen now)
 * in feed order, with a warning: only they are normalized, whatever the document holds.
 */
function newest(feed: ParsedFeed, context: NormalizeContext): ParsedItem[] {
  if (feed.items.length <= MAX_ITEMS) return feed.items;
  const time = (item: ParsedItem) => (parseFeedDate(item.published) ?? parseFeedDate(item.updated) ?? context.firstSeen).getTime();
  const byAge = feed.items.map((item, index) => ({ index, at: time(item) })).sort((a, b) => b.at - a.at || a.index - b.index);
  const kept = new Set(byAge.slice(0, MAX_ITEMS).map((entry) => entry.index));
  feed.warnings.push(`the feed holds ${feed.items.length} items; only the newest ${MAX_ITEMS} were read`);
  return feed.items.filter((_, index) => kept.has(index));
}

function normalizeItem(item: ParsedItem, feed: ParsedFeed, siteBase: string, context: NormalizeContext): ArticleDraft | null {
  // Links written under an xml:base were resolved against it; what stays relative is relative to the document.
  const itemBase = item.base ? resolveUrl(item.base, context.feedUrl) : null;
  const linkBase = item.base ? context.feedUrl : siteBase;
  const url = canonicalUrl(item.link, linkBase);
  const base = resolveUrl(item.contentBase ?? null, context.feedUrl) ?? itemBase ?? url ?? siteBase;
  const fileBase = item.base ? context.feedUrl : url ?? siteBase;
  const content = item.content ? sanitizeHtml(item.content, base) : null;
  const summaryHtml = item.summary ? sanitizeHtml(item.summary, base) : null;
  const summaryIsMarkup = !!item.summary && /<[a-z][^>]*>/i.test(item.summary);
  const body = content || (summaryIsMarkup ? summaryHtml : null) || null;
  const teaser = clip(htmlToText(item.summary) ?? htmlToText(item.content), MAX_TEASER);
  const title = (item.titleIsHtml || /[<&]/.test(item.title ?? "") ? htmlToText(item.title) : item.title?.replace(/\s+/g, " ").trim()) || clip(teaser, 100);
  if (!title && !url && !body) return null;
  const date = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  const people = authors(item, linkBase);
  return {
    guid: item.guid?.slice(0, 2000) ?? null,
    title: (title || "Untitled").slice(0, MAX_TITLE),
    teaser,
    body,
    url,
    language: normalizeLanguage(item.language ?? feed.language),
    author: people[0]?.name ?? htmlToText(item.author)?.slice(0, 500) ?? null,
    authors: people,
    publishedAt: date ?? context.firstSeen,
    dateUnknown: date === null,
    tags: uniqueTags(item.categories).slice(0, MAX_TAGS),
    images: images(item, body ?? summaryHtml, fileBase, base),
    links: links(body ?? summaryHtml, base),
    attachments: attachments(item, fileBase),
  };
}

/** The item's authors by name (an email stands in for a missing name), each once, at most MAX_AUTHORS. */
function authors(item: ParsedItem, base: string): AuthorDraft[] {
  const out: AuthorDraft[] = [];
  const seen = new Set<string>();
  const list = item.authors ?? (item.author ? [{ name: item.author }] : []);
  for (const author of list) {
    const name = (htmlToText(author.name ?? null) ?? author.email?.trim() ?? "").slice(0, 500);
    if (!name || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push({ name, url: resolveUrl(author.url ?? null, base) });
    if (out.length === MAX_AUTHORS) break;
  }
  return out;
}

/** The item's non-image files with their URLs resolved, each once, at most MAX_ATTACHMENTS. */
function attachments(item: ParsedItem, base: string): AttachmentDraft[] {
  const out: AttachmentDraft[] = [];
  const seen = new Set<string>();
  for (const file of item.attachments ?? []) {
    const url = resolveUrl(file.url, base);
    if (!url || seen.has(url)) continue;
    seen.add(url);
    out.push({ url, mimeType: file.mimeType ?? null, sizeInBytes: file.sizeInBytes ?? null, durationInSeconds: file.durationInSeconds ?? null, title: file.title ?? null });
    if (out.length === MAX_ATTACHMENTS) break;
  }
  return out;
}

/** Categories as tags: each name once per slug, as first written. */
function uniqueTags(categories: string[]): string[] {
  const bySlug = new Map<string, string>();
  for (const raw of categories) {
    const name = htmlToText(raw)?.slice(0, 200);
    const slug = name ? slugify(name) : "";
    if (name && slug && !bySlug.has(slug)) bySlug.set(slug, name);
  }
  return [...bySlug.values()];
}

function images(item: ParsedItem, html: string | null, base: string, htmlBase: string): ImageDraft[] {
  const out: ImageDraft[] = [];
  const seen = new Set<string>();
  const add = (image: ImageDraft) => {
    if (!image.url || seen.has(image.url)) return;
    seen.add(image.url);
    out.push(image);
  };
  for (const image of item.images) {
    const url = resolveUrl(image.url, base);
    if (url) add({ url, alt: image.alt ?? null, width: image.width ?? null, height: image.height ?? null });
  }
  const first = htmlParts(html, htmlBase).firstImage;
  if (first) add({ url: first.url, alt: first.alt, width: null, height: null });
  return out;
}

function links(html: string | null, base: string): LinkDraft[] {
  const seen = new Set<string>();
  return htmlParts(html, base).links.filter((link) => !seen.has(link.url) && (seen.add(link.url), true)).map((link) => ({ url: link.url, label: link.label }));
}

/** Cuts text at a word boundary below `max` characters, marking the cut with an ellipsis. */
function clip(text: string | null, max: number): string | null {
  if (!text || text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
}

/** A BCP-47 tag in its usual case ("en-us" → "en-US"), or null when it is not one. */
export function normalizeLanguage(value: string | null | undefined): string | null {
  const text = value?.trim().replace(/_/g, "-");
  if (!text || !/^[a-z]{2,3}(-[a-z0-9]{2,8})*$/i.test(text)) return null;
  const [first, ...rest] = text.split("-");
  return [first.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part.length === 4 ? part[0].toUpperCase() + part.slice(1).toLowerCase() : part.toLowerCase()))].join("-");
}
