import { createHash } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { dialectOf, type Dialect } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { sanitizeHtml } from "../text/sanitize-html";
import { slugify } from "../text/slugify";
import type { ArticleDraft, UpsertResult } from "./article-draft";
import { UNDATED_SORT_AT } from "./rows";
import { select } from "./sql";

/**
 * The one way an article is written, whether it comes from a feed, the seed data or an
 * editor: in one transaction per batch, articles are matched to what is stored (by guid
 * within the source, else by URL), created or updated, with their tags, images, links
 * and related news. A draft whose content is unchanged writes nothing.
 */
export function upsertArticles(db: DataSource, sourceId: number, drafts: ArticleDraft[]): Promise<UpsertResult> {
  return writeTransaction(db, (em) => upsertInTransaction(em, dialectOf(db), sourceId, drafts));
}

interface Stored {
  id: number;
  contentHash: string;
}

async function upsertInTransaction(em: EntityManager, d: Dialect, sourceId: number, drafts: ArticleDraft[]): Promise<UpsertResult> {
  const result: UpsertResult = { created: 0, updated: 0, unchanged: 0, articleIds: [] };
  const now = new Date();
  const idByGuid = new Map<string, number>();
  const changed: { id: number; draft: ArticleDraft }[] = [];

  // Feeds and pages list the newest first: writing from the last item up gives the item
  // listed first the higher id, so that among equal dates the list order is kept.
  result.articleIds = new Array<number>(drafts.length);
  for (let index = drafts.length - 1; index >= 0; index--) {
    const draft = clean(drafts[index]);
    const hash = contentHash(draft);
    const stored = await findStored(em, sourceId, draft);
    let id: number;
    if (!stored) {
      id = await insertArticle(em, d, sourceId, draft, hash, now);
      result.created++;
      changed.push({ id, draft });
    } else if (stored.contentHash !== hash) {
      id = stored.id;
      await updateArticle(em, d, id, draft, hash, now);
      result.updated++;
      changed.push({ id, draft });
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
  }
  // Related news may point at articles later in the same batch: written once all exist.
  for (const { id, draft } of changed) {
    await replaceRelated(em, sourceId, id, draft.related ?? [], idByGuid);
  }
  return result;
}

/** Trims text, sanitizes the body and drops empty values, so equal content hashes equally. */
function clean(draft: ArticleDraft): ArticleDraft {
  const text = (value: string | null | undefined) => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : null;
  };
  const body = text(draft.body);
  return {
    ...draft,
    guid: text(draft.guid),
    title: draft.title.trim(),
    teaser: text(draft.teaser),
    body: body === null ? null : text(sanitizeHtml(body, draft.url ?? undefined)),
    url: text(draft.url),
    category: text(draft.category),
    language: text(draft.language),
    author: text(draft.author),
    publishedAt: draft.publishedAt ?? null,
  };
}

function contentHash(draft: ArticleDraft): string {
  const material = JSON.stringify([
    draft.title, draft.teaser, draft.body, draft.url, draft.category, draft.language, draft.author,
    draft.publishedAt?.toISOString() ?? null, draft.tags ?? [], draft.images ?? [], draft.links ?? [], draft.related ?? [],
  ]);
  return createHash("sha256").update(material).digest("hex");
}

async function findStored(em: EntityManager, sourceId: number, draft: ArticleDraft): Promise<Stored | null> {
  const rows = draft.guid
    ? await select<{ id: number; content_hash: string }>(em, "SELECT id, content_hash FROM articles WHERE source_id = ? AND guid = ?", [sourceId, draft.guid])
    : [];
  const [row] = rows.length || !draft.url
    ? rows
    : await select<{ id: number; content_hash: string }>(em, "SELECT id, content_hash FROM articles WHERE url = ?", [draft.url]);
  return row ? { id: Number(row.id), contentHash: row.content_hash } : null;
}

function columns(draft: ArticleDraft, d: Dialect) {
  return [
    draft.title, draft.teaser, draft.body, draft.url, draft.category, draft.language, draft.author,
    draft.publishedAt ? d.date(draft.publishedAt) : null,
    draft.publishedAt ? draft.publishedAt.getTime() : UNDATED_SORT_AT,
  ];
}

async function insertArticle(em: EntityManager, d: Dialect, sourceId: number, draft: ArticleDraft, hash: string, now: Date): Promise<number> {
  const slug = await freeSlug(em, slugify(draft.title) || "article");
  const [row] = await select<{ id: number }>(
    em,
    `INSERT INTO articles (title, teaser, body, url, category, language, author, published_at, sort_at,
       slug, guid, source_id, content_hash, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
    [...columns(draft, d), slug, draft.guid, sourceId, hash, d.date(now), d.date(now)],
  );
  return Number(row.id);
}

async function updateArticle(em: EntityManager, d: Dialect, id: number, draft: ArticleDraft, hash: string, now: Date): Promise<void> {
  await select(
    em,
    `UPDATE articles SET title = ?, teaser = ?, body = ?, url = ?, category = ?, language = ?, author = ?,
       published_at = ?, sort_at = ?, content_hash = ?, updated_at = ? WHERE id = ?`,
    [...columns(draft, d), hash, d.date(now), id],
  );
}

/** The slug itself when free, else the first free one of slug-2, slug-3, … */
async function freeSlug(em: EntityManager, base: string): Promise<string> {
  const taken = new Set(
    (await select<{ slug: string }>(em, "SELECT slug FROM articles WHERE slug = ? OR slug LIKE ?", [base, `${base}-%`])).map((r) => r.slug),
  );
  if (!taken.has(base)) return base;
  let n = 2;
  while (taken.has(`${base}-${n}`)) n++;
  return `${base}-${n}`;
}

async function replaceTags(em: EntityManager, d: Dialect, articleId: number, names: string[]): Promise<void> {
  await select(em, "DELETE FROM article_tags WHERE article_id = ?", [articleId]);
  const bySlug = new Map<string, string>();
  for (const name of names) {
    const slug = slugify(name);
    if (slug && !bySlug.has(slug)) bySlug.set(slug, name.trim());
  }
  if (bySlug.size === 0) return;
  for (const [slug, name] of bySlug) {
    await select(em, "INSERT INTO tags (name, slug, created_at) VALUES (?, ?, ?) ON CONFLICT (slug) DO NOTHING", [name, slug, d.date(new Date())]);
  }
  const slugs = [...bySlug.keys()];
  const rows = await select<{ id: number; slug: string }>(em, `SELECT id, slug FROM tags WHERE slug IN (${d.textTable()})`, [d.list(slugs)]);
  const idBySlug = new Map(rows.map((row) => [row.slug, Number(row.id)]));
  let position = 0;
  for (const slug of slugs) {
    await select(em, "INSERT INTO article_tags (article_id, tag_id, position) VALUES (?, ?, ?)", [articleId, idBySlug.get(slug), position++]);
  }
}

async function replaceImages(em: EntityManager, articleId: number, draft: ArticleDraft): Promise<void> {
  await select(em, "DELETE FROM images WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const image of draft.images ?? []) {
    await select(
      em,
      "INSERT INTO images (article_id, position, url, alt, caption, credit, width, height) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      [articleId, position++, image.url ?? null, image.alt ?? null, image.caption ?? null, image.credit ?? null, image.width ?? null, image.height ?? null],
    );
  }
}

async function replaceLinks(em: EntityManager, articleId: number, draft: ArticleDraft): Promise<void> {
  await select(em, "DELETE FROM links WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const link of draft.links ?? []) {
    await select(em, "INSERT INTO links (article_id, position, url, label, rel) VALUES (?, ?, ?, ?, ?)", [
      articleId, position++, link.url, link.label ?? null, link.rel ?? null,
    ]);
  }
}

async function replaceRelated(em: EntityManager, sourceId: number, articleId: number, guids: string[], idByGuid: Map<string, number>): Promise<void> {
  await select(em, "DELETE FROM article_relations WHERE article_id = ?", [articleId]);
  const seen = new Set<number>([articleId]);
  let position = 0;
  for (const guid of guids) {
    const relatedId =
      idByGuid.get(guid) ??
      (await select<{ id: number }>(em, "SELECT id FROM articles WHERE source_id = ? AND guid = ?", [sourceId, guid])).map((r) => Number(r.id))[0];
    if (relatedId === undefined || seen.has(relatedId)) continue;
    seen.add(relatedId);
    await select(em, "INSERT INTO article_relations (article_id, related_id, position) VALUES (?, ?, ?)", [articleId, relatedId, position++]);
  }
}
