import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { dialectOf, type Dialect } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { sanitizeHtml } from "../text/sanitize-html";
import { slugify } from "../text/slugify";
import type { ArticleDraft, AttachmentDraft, AuthorDraft, UpsertResult } from "./article-draft";
import { UNDATED_SORT_AT } from "./rows";
import { run, select } from "./sql";

/**
 * The one way an article is written, whether it comes from a feed, the seed data or an
 * editor: in one transaction per batch, articles are matched to what is stored (by guid
 * within the source; else by URL across all sources where the URL is the item's own
 * permalink, not one several items of a feed share; else by a hash of title, teaser and body
 * within the source), created or updated, with their authors, tags, images, links,
 * attachments and related news. A draft matching another source's article only records that
 * this source knows it too (article_sources), so two feeds never overwrite each other.
 * A draft whose content is unchanged writes nothing; a failure leaves the store as it was.
 */
export function upsertArticles(db: DataSource, sourceId: number, drafts: ArticleDraft[], options: UpsertOptions = {}): Promise<UpsertResult> {
  return writeTransaction(db, (em) => upsertArticlesIn(em, dialectOf(db), sourceId, drafts, options));
}

/** Where the write path reports what it did besides its counts. */
export interface UpsertOptions {
  /** Told when a newer source version overwrites an editor's change (see editorial_overrides). */
  log?: { warn(details: object, message: string): void };
  /**
   * The drafts' bodies were sanitized where they were made (feeds are, in the parsing
   * workers): the write path does not sanitize them again on the event loop.
   */
  bodiesSanitized?: boolean;
}

interface Stored {
  id: number;
  contentHash: string;
  /** The owning source; null once that source was removed. */
  sourceId: number | null;
  url: string | null;
  publishedAt: Date | null;
  /** This source is already recorded in article_sources. */
  known: boolean;
  /** An editor's change: the fields changed and the content hash of the source version they were based on. */
  override: { fields: string[]; sourceHash: string } | null;
}

/**
 * upsertArticles inside a transaction the caller holds, so that a mutation can write an
 * article and more in one transaction. An editor's change to a stored article stands while
 * the source sends the version it was based on; a changed item at the source wins, drops
 * the change and logs "editorial change overwritten by source".
 */
export async function upsertArticlesIn(
  em: EntityManager,
  d: Dialect,
  sourceId: number,
  drafts: ArticleDraft[],
  options: UpsertOptions = {},
): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, linked: 0, articleIds: [] };
  const now = new Date();
  const idByGuid = new Map<string, number>();
  const changed: { id: number; draft: ArticleDraft }[] = [];

  // Feeds and pages list the newest first: writing from the last item up gives the item
  // listed first the higher id, so that among equal dates the list order is kept.
  result.articleIds = new Array<number>(drafts.length);
  for (let index = drafts.length - 1; index >= 0; index--) {
    let draft = clean(drafts[index], options.bodiesSanitized);
    const print = fingerprint(draft);
    const stored = await findStored(em, d, sourceId, draft, print);
    if (!stored && (await isWithdrawn(em, sourceId, draft, print))) {
      // An editor deleted this item's article: it stays deleted.
      result.unchanged++;
      result.withdrawn = (result.withdrawn ?? 0) + 1;
      result.articleIds[index] = 0;
      continue;
    }
    if (stored) draft = keepStoredValues(draft, stored);
    const hash = contentHash(draft);
    let id: number;
    if (!stored) {
      id = await insertArticle(em, d, sourceId, draft, hash, now);
      await linkSource(em, d, id, sourceId, draft, print, now);
      result.created++;
      changed.push({ id, draft });
    } else if (stored.sourceId !== null && stored.sourceId !== sourceId) {
      id = stored.id;
      if (stored.known) {
        result.unchanged++;
      } else {
        await linkSource(em, d, id, sourceId, draft, print, now);
        result.linked = (result.linked ?? 0) + 1;
      }
    } else if (stored.override?.sourceHash === hash) {
      // The source still sends the version the editor changed: the editor's fields stand.
      id = stored.id;
      result.unchanged++;
    } else if (stored.contentHash !== hash) {
      id = stored.id;
      await updateArticle(em, d, id, draft, hash, now);
      result.updated++;
      changed.push({ id, draft });
      if (stored.override) {
        await run(em, "DELETE FROM editorial_overrides WHERE article_id = ?", [id]);
        options.log?.warn({ articleId: id, sourceId, fields: stored.override.fields }, "editorial change overwritten by source");
      }
    } else {
      id = stored.id;
      result.unchanged++;
    }
    if (draft.guid) idByGuid.set(draft.guid, id);
    result.articleIds[index] = id;
  }

  for (const { id, draft } of changed) {
    await replaceTags(em, d, id, draft.tags ?? []);
    await replaceImages(em, id, draft);
    await replaceLinks(em, id, draft);
    await replaceAuthors(em, id, draft.authors ?? []);
    await replaceAttachments(em, id, draft.attachments ?? []);
  }
  // Related news may point at articles later in the same batch: written once all exist.
  for (const { id, draft } of changed) {
    await replaceRelated(em, sourceId, id, draft.related ?? [], idByGuid);
  }
  return result;
}

/** True when an editor deleted the article this item (by guid, fingerprint or URL) came from. */
async function isWithdrawn(em: EntityManager, sourceId: number, draft: ArticleDraft, print: string): Promise<boolean> {
  const rows = await select(
    em,
    `SELECT 1 AS hit FROM withdrawn_items
     WHERE (source_id = ? AND (guid = ? OR fingerprint = ?)) OR (url IS NOT NULL AND url = ?) LIMIT 1`,
    [sourceId, draft.guid ?? null, print, draft.urlIsPermalink ? draft.url : null],
  );
  return rows.length > 0;
}

/** Trims text, sanitizes the body and drops empty values, so equal content hashes equally. */
export function clean(draft: ArticleDraft, bodySanitized = false): ArticleDraft {
  const text = (value: string | null | undefined) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  };
  const body = text(draft.body);
  const url = text(draft.url);
  const authors: AuthorDraft[] = [];
  for (const author of draft.authors ?? []) {
    const name = text(author.name)?.slice(0, 500);
    if (name && authors.length < MAX_AUTHORS) authors.push({ name, url: text(author.url)?.slice(0, 2000) ?? null });
  }
  const author = text(draft.author)?.slice(0, 500) ?? authors[0]?.name ?? null;
  if (!authors.length && author) authors.push({ name: author, url: null });
  const attachments: AttachmentDraft[] = [];
  for (const attachment of draft.attachments ?? []) {
    const fileUrl = text(attachment.url);
    if (!fileUrl || fileUrl.length > 2000 || attachments.length >= MAX_ATTACHMENTS) continue;
    attachments.push({
      url: fileUrl,
      mimeType: text(attachment.mimeType)?.slice(0, 200) ?? null,
      sizeInBytes: finiteOrNull(attachment.sizeInBytes),
      durationInSeconds: wholeSeconds(attachment.durationInSeconds),
      title: text(attachment.title),
    });
  }
  return Object.assign({}, draft, {
    guid: text(draft.guid),
    title: draft.title.trim(),
    teaser: text(draft.teaser),
    body: body === null ? null : bodySanitized ? body : text(sanitizeHtml(body, draft.url ?? undefined)),
    url,
    urlIsPermalink: url !== null && draft.urlIsPermalink !== false,
    category: text(draft.category),
    language: text(draft.language),
    author,
    authors,
    attachments,
    publishedAt: draft.publishedAt ?? null,
  });
}

/** At most this many authors and attachments are kept per article. */
const MAX_AUTHORS = 50;
const MAX_ATTACHMENTS = 20;

const finiteOrNull = (value: number | null | undefined) => (typeof value === "number" && Number.isFinite(value) && value >= 0 ? value : null);

/** A duration as GraphQL's Int holds it: whole seconds, at most 2³¹ − 1. */
function wholeSeconds(value: number | null | undefined): number | null {
  const seconds = finiteOrNull(value);
  return seconds === null ? null : Math.min(Math.round(seconds), 2 ** 31 - 1);
}

/**
 * The authors when they say more than the `author` column does (more than one, or a URL),
 * the attachments when there are some, and a URL that is not the item's own: hashed only
 * then, so that articles stored before these were kept hash as they did.
 */
function extras(draft: ArticleDraft): object[] {
  const out: object[] = [];
  const authors = draft.authors ?? [];
  if (authors.length > 1 || authors.some((a) => a.url) || (authors[0] && authors[0].name !== draft.author)) out.push({ authors });
  if (draft.attachments?.length) out.push({ attachments: draft.attachments });
  if (draft.url && draft.urlIsPermalink === false) out.push({ urlIsPermalink: false });
  return out;
}

export function contentHash(draft: ArticleDraft): string {
  const material = JSON.stringify([
    draft.title, draft.teaser, draft.body, draft.url, draft.category, draft.language, draft.author,
    draft.publishedAt?.toISOString() ?? null, draft.tags ?? [], draft.images ?? [], draft.links ?? [], draft.related ?? [],
    ...extras(draft),
  ]);
  return createHash("sha256").update(material).digest("hex");
}

/** Hash of what a reader sees first: the identity of drafts with neither guid nor URL. */
function fingerprint(draft: ArticleDraft): string {
  return createHash("sha256").update(JSON.stringify([draft.title, draft.teaser, draft.body])).digest("hex");
}

type StoredRow = {
  id: number; content_hash: string; source_id: number | null; url: string | null; published_at: unknown; known: number;
  override_fields: string | null; override_hash: string | null;
};

const STORED_COLUMNS =
  "a.id, a.content_hash, a.source_id, a.url, a.published_at, " +
  "(SELECT o.fields FROM editorial_overrides o WHERE o.article_id = a.id) AS override_fields, " +
  "(SELECT o.source_hash FROM editorial_overrides o WHERE o.article_id = a.id) AS override_hash";

async function findStored(em: EntityManager, d: Dialect, sourceId: number, draft: ArticleDraft, print: string): Promise<Stored | null> {
  let rows: StoredRow[] = [];
  if (draft.guid) {
    rows = await select<StoredRow>(em, `SELECT ${STORED_COLUMNS}, 1 AS known FROM articles a WHERE a.source_id = ? AND a.guid = ?`, [sourceId, draft.guid]);
    if (!rows.length) {
      rows = await select<StoredRow>(
        em,
        `SELECT ${STORED_COLUMNS}, 1 AS known FROM article_sources s JOIN articles a ON a.id = s.article_id WHERE s.source_id = ? AND s.guid = ?`,
        [sourceId, draft.guid],
      );
    }
  }
  if (!rows.length && draft.url && draft.urlIsPermalink) {
    // The URL is the item's own: it names the same story in any source, except that two items
    // of one source with guids of their own stay two articles.
    rows = await select<StoredRow>(
      em,
      `SELECT ${STORED_COLUMNS}, (SELECT COUNT(*) FROM article_sources s WHERE s.article_id = a.id AND s.source_id = ?) AS known
       FROM articles a WHERE a.url = ? AND a.url_is_permalink = TRUE${draft.guid ? " AND (a.source_id IS NULL OR a.source_id <> ? OR a.guid IS NULL)" : ""}
       ORDER BY a.id LIMIT 1`,
      draft.guid ? [sourceId, draft.url, sourceId] : [sourceId, draft.url],
    );
  }
  if (!rows.length && !draft.guid && !draft.urlIsPermalink) {
    rows = await select<StoredRow>(
      em,
      `SELECT ${STORED_COLUMNS}, 1 AS known FROM article_sources s JOIN articles a ON a.id = s.article_id WHERE s.source_id = ? AND s.fingerprint = ?`,
      [sourceId, print],
    );
  }
  const [row] = rows;
  if (!row) return null;
  return {
    id: Number(row.id),
    contentHash: row.content_hash,
    sourceId: row.source_id === null ? null : Number(row.source_id),
    url: row.url,
    publishedAt: d.readDate(row.published_at),
    known: Number(row.known) > 0,
    override: row.override_hash ? { fields: JSON.parse(row.override_fields ?? "[]") as string[], sourceHash: row.override_hash } : null,
  };
}

/** What an update must not change: the first-seen date of an undated item. */
function keepStoredValues(draft: ArticleDraft, stored: Stored): ArticleDraft {
  return draft.dateUnknown && stored.publishedAt ? Object.assign({}, draft, { publishedAt: stored.publishedAt }) : draft;
}

/** Records that a source lists an article, under its own guid and fingerprint. */
async function linkSource(em: EntityManager, d: Dialect, articleId: number, sourceId: number, draft: ArticleDraft, print: string, now: Date): Promise<void> {
  await run(em, "INSERT INTO article_sources (article_id, source_id, guid, fingerprint, first_seen_at) VALUES (?, ?, ?, ?, ?)", [
    articleId, sourceId, draft.guid ?? null, print, d.date(now),
  ]);
}

export function columns(draft: ArticleDraft, d: Dialect) {
  return [
    draft.title, draft.teaser, draft.body, draft.url, draft.urlIsPermalink !== false, draft.category, draft.language, draft.author,
    draft.publishedAt ? d.date(draft.publishedAt) : null,
    draft.publishedAt ? draft.publishedAt.getTime() : UNDATED_SORT_AT,
  ];
}

async function insertArticle(em: EntityManager, d: Dialect, sourceId: number, draft: ArticleDraft, hash: string, now: Date): Promise<number> {
  const slug = await freeSlug(em, slugify(draft.title) || "article");
  const [row] = await run<{ id: number }>(
    em,
    `INSERT INTO articles (title, teaser, body, url, url_is_permalink, category, language, author, published_at, sort_at,
       slug, guid, source_id, content_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [...columns(draft, d), slug, draft.guid, sourceId, hash, d.date(now), d.date(now)],
  );
  return Number(row.id);
}

async function updateArticle(em: EntityManager, d: Dialect, id: number, draft: ArticleDraft, hash: string, now: Date): Promise<void> {
  await run(
    em,
    `UPDATE articles SET title = ?, teaser = ?, body = ?, url = ?, url_is_permalink = ?, category = ?, language = ?, author = ?,
       published_at = ?, sort_at = ?, content_hash = ?, updated_at = ? WHERE id = ?`,
    [...columns(draft, d), hash, d.date(now), id],
  );
}

/** The slug itself when free, else the first free one of slug-2, slug-3, … */
async function freeSlug(em: EntityManager, base: string): Promise<string> {
  const taken = new Set(
    // Every slug that starts with "base-" sorts between "base-" and "base." ("." follows "-"):
    // a range on the unique index, where LIKE would scan the table.
    (await select<{ slug: string }>(em, "SELECT slug FROM articles WHERE slug = ? OR (slug >= ? AND slug < ?)", [base, `${base}-`, `${base}.`])).map(
      (r) => r.slug,
    ),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

export async function replaceTags(em: EntityManager, d: Dialect, articleId: number, names: string[]): Promise<void> {
  await run(em, "DELETE FROM article_tags WHERE article_id = ?", [articleId]);
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, name.trim());
  }
  if (bySlug.size === 0) return;
  for (const [slug, name] of bySlug) {
    await run(em, "INSERT INTO tags (name, slug, created_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING", [name, slug, d.date(new Date())]);
  }
  const slugs = [...bySlug.keys()];
  const rows = await select<{ id: number; slug: string }>(em, `SELECT id, slug FROM tags WHERE slug IN (${d.textTable()})`, [d.list(slugs)]);
  const idBySlug = new Map(rows.map((row) => [row.slug, Number(row.id)]));
  let position = 0;
  for (const slug of slugs) {
    await insertArticleTag(em, articleId, idBySlug.get(slug) as number, position++);
  }
}

/**
 * Tags an article, copying its list position (sort_at) beside the tag so that a tag's articles
 * are read newest first from the index alone (see ix_article_tags_recent). The article row is
 * written first.
 */
export async function insertArticleTag(em: EntityManager, articleId: number, tagId: number, position: number): Promise<void> {
  await run(em, "INSERT INTO article_tags (article_id, tag_id, position, sort_at) VALUES (?, ?, ?, (SELECT a.sort_at FROM articles a WHERE a.id = ?))", [
    articleId, tagId, position, articleId,
  ]);
}

async function replaceImages(em: EntityManager, articleId: number, draft: ArticleDraft): Promise<void> {
  await run(em, "DELETE FROM images WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const image of draft.images ?? []) {
    await run(
      em,
      "INSERT INTO images (article_id, position, url, alt, caption, credit, width, height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [articleId, position++, image.url ?? null, image.alt ?? null, image.caption ?? null, image.credit ?? null, image.width ?? null, image.height ?? null],
    );
  }
}

async function replaceLinks(em: EntityManager, articleId: number, draft: ArticleDraft): Promise<void> {
  await run(em, "DELETE FROM links WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const link of draft.links ?? []) {
    await run(em, "INSERT INTO links (article_id, position, url, label, rel) VALUES (?, ?, ?, ?, ?)", [
      articleId, position++, link.url, link.label ?? null, link.rel ?? null,
    ]);
  }
}

export async function replaceAuthors(em: EntityManager, articleId: number, authors: AuthorDraft[]): Promise<void> {
  await run(em, "DELETE FROM article_authors WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const author of authors) {
    await run(em, "INSERT INTO article_authors (article_id, position, name, url) VALUES (?, ?, ?, ?)", [articleId, position++, author.name, author.url ?? null]);
  }
}

async function replaceAttachments(em: EntityManager, articleId: number, attachments: AttachmentDraft[]): Promise<void> {
  await run(em, "DELETE FROM attachments WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const file of attachments) {
    await run(
      em,
      "INSERT INTO attachments (article_id, position, url, mime_type, size_in_bytes, duration_seconds, title) VALUES (?, ?, ?, ?, ?, ?, ?)",
      [articleId, position++, file.url, file.mimeType ?? null, file.sizeInBytes ?? null, file.durationInSeconds ?? null, file.title ?? null],
    );
  }
}

async function replaceRelated(em: EntityManager, sourceId: number, articleId: number, guids: string[], idByGuid: Map<string, number>): Promise<void> {
  await run(em, "DELETE FROM article_relations WHERE article_id = ?", [articleId]);
  const seen = new Set<number>([articleId]);
  let position = 0;
  for (const guid of guids) {
    const relatedId =
      idByGuid.get(guid) ??
      (await select<{ id: number }>(em, "SELECT id FROM articles WHERE source_id = ? AND guid = ?", [sourceId, guid])).map((r) => Number(r.id))[0];
    if (relatedId === undefined || seen.has(relatedId)) continue;
    seen.add(relatedId);
    await run(em, "INSERT INTO article_relations (article_id, related_id, position) VALUES (?, ?, ?)", [articleId, relatedId, position++]);
  }
}
