import type { ArticleDraft, ImageDraft, LinkDraft } from "../store/article-draft";
import { sanitizeHtml } from "../text/sanitize-html";
import { slugify } from "../text/slugify";
import { canonicalUrl, resolveUrl } from "./canonical-url";
import { parseFeedDate } from "./dates";
import { htmlParts, htmlToText } from "./html-text";
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

/**
 * Turns parsed items into drafts for the write path: titles and teasers as plain text,
 * bodies sanitized with relative URLs resolved against the item (else the feed), URLs in
 * canonical form, dates read or else the first-seen time, tags, images and links gathered.
 * Items repeating an earlier item's guid or URL (or, with neither, its text) are dropped, so a feed with duplicates
 * stores each story once and re-reading it writes nothing.
 */
export function normalizeFeed(feed: ParsedFeed, context: NormalizeContext): ArticleDraft[] {
  const siteBase = resolveUrl(feed.link, context.feedUrl) ?? context.feedUrl;
  const seen = new Set<string>();
  const drafts: ArticleDraft[] = [];
  for (const item of feed.items) {
    const draft = normalizeItem(item, feed, siteBase, context);
    if (!draft) continue;
    const keys = [draft.guid && `guid:${draft.guid}`, draft.url && `url:${draft.url}`].filter((k): k is string => !!k);
    if (keys.length === 0) keys.push(`text:${JSON.stringify([draft.title, draft.teaser, draft.body])}`);
    if (keys.some((key) => seen.has(key))) continue;
    keys.forEach((key) => seen.add(key));
    drafts.push(draft);
  }
  return drafts;
}

function normalizeItem(item: ParsedItem, feed: ParsedFeed, siteBase: string, context: NormalizeContext): ArticleDraft | null {
  const url = canonicalUrl(item.link, siteBase);
  const base = url ?? siteBase;
  const content = item.content ? sanitizeHtml(item.content, base) : null;
  const summaryHtml = item.summary ? sanitizeHtml(item.summary, base) : null;
  const summaryIsMarkup = !!item.summary && /<[a-z][^>]*>/i.test(item.summary);
  const body = content || (summaryIsMarkup ? summaryHtml : null) || null;
  const teaser = clip(htmlToText(item.summary) ?? htmlToText(item.content), MAX_TEASER);
  const title = (item.titleIsHtml || /[<&]/.test(item.title ?? "") ? htmlToText(item.title) : item.title?.replace(/\s+/g, " ").trim()) || clip(teaser, 100);
  if (!title && !url && !body) return null;
  const date = parseFeedDate(item.published) ?? parseFeedDate(item.updated);
  return {
    guid: item.guid?.slice(0, 2000) ?? null,
    title: (title || "Untitled").slice(0, MAX_TITLE),
    teaser,
    body,
    url,
    language: normalizeLanguage(item.language ?? feed.language),
    author: htmlToText(item.author)?.slice(0, 500) ?? null,
    publishedAt: date ?? context.firstSeen,
    dateUnknown: date === null,
    tags: uniqueTags(item.categories),
    images: images(item, body ?? summaryHtml, base),
    links: links(body ?? summaryHtml, base),
  };
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

function images(item: ParsedItem, html: string | null, base: string): ImageDraft[] {
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
  const first = htmlParts(html, base).firstImage;
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
