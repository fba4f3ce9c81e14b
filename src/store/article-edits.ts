import { randomUUID } from "node:crypto";
import type { DataSource, EntityManager } from "typeorm";
import { dialectOf, type Dialect } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { SourceKind } from "../entities/source-kind.enum";
import { slugify } from "../text/slugify";
import type { ArticleDraft } from "./article-draft";
import { rejectProblems, type FieldProblem } from "./invalid-input";
import { createSource } from "./source-writes";
import { run, select } from "./sql";
import { clean, columns, contentHash, replaceAuthors, replaceTags, upsertArticlesIn } from "./upsert-articles";

/** The source every hand-written article belongs to; created on the first one. */
export const MANUAL_SOURCE_NAME = "Newsroom editors";

/** A hand-written article: the write path's draft plus what only editors set. */
export interface NewArticle extends Omit<ArticleDraft, "guid" | "related" | "dateUnknown"> {
  slug?: string | null;
  relatedIds?: number[];
}

/** The ids among `ids` that are no article, as problems of `field.<index>`. */
async function missingArticles(em: EntityManager, d: Dialect, ids: readonly number[], field: string): Promise<FieldProblem[]> {
  if (!ids.length) return [];
  const found = new Set(
    (await select<{ id: number }>(em, `SELECT id FROM articles WHERE id IN (${d.idTable()})`, [d.list([...new Set(ids)])])).map((r) => Number(r.id)),
  );
  return ids.flatMap((id, index) => (found.has(id) ? [] : [{ field: `${field}.${index}`, message: "no article has this id; take ids from an article's id field" }]));
}

/** Problems with the article's own id, its related ids, and a slug or URL another article has. */
async function checkArticleInput(
  em: EntityManager,
  d: Dialect,
  articleId: number | null,
  input: { slug?: string | null; url?: string | null; relatedIds?: number[] },
): Promise<void> {
  const problems: FieldProblem[] = [];
  if (articleId !== null && (await missingArticles(em, d, [articleId], "id")).length) {
    problems.push({ field: "id", message: "no article has this id (deleted, or never was)" });
  }
  problems.push(...(await missingArticles(em, d, input.relatedIds ?? [], "relatedIds")));
  if (articleId !== null && input.relatedIds?.includes(articleId)) {
    problems.push({ field: `relatedIds.${input.relatedIds.indexOf(articleId)}`, message: "an article cannot be related to itself" });
  }
  for (const column of ["slug", "url"] as const) {
    const value = input[column];
    if (!value) continue;
    // A URL names one article only where it is an article's own (not a podcast's home page, say).
    const permalink = column === "url" ? " AND url_is_permalink = TRUE" : "";
    const [other] = await select<{ id: number }>(em, `SELECT id FROM articles WHERE ${column} = ?${permalink} AND id <> ?`, [value, articleId ?? 0]);
    if (other) problems.push({ field: column, message: `another article already has this ${column}; choose another` });
  }
  rejectProblems(problems);
}

/** The MANUAL source of hand-written articles, created when missing. */
async function manualSourceIn(em: EntityManager, d: Dialect): Promise<number> {
  const find = () => select<{ id: number }>(em, "SELECT id FROM sources WHERE url IS NULL AND kind = ? AND name = ?", [SourceKind.MANUAL, MANUAL_SOURCE_NAME]);
  let [row] = await find();
  if (!row) {
    await createSource(em, d, { name: MANUAL_SOURCE_NAME, url: null, kind: SourceKind.MANUAL });
    [row] = await find();
  }
  return Number(row.id);
}

/**
 * Writes a hand-written article through the one write path (as an item of the MANUAL
 * source), then its slug and related news; one transaction. Returns its id.
 */
export function createArticle(db: DataSource, input: NewArticle): Promise<number> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    await checkArticleInput(em, d, null, input);
    const { slug, relatedIds, ...draft } = input;
    const sourceId = await manualSourceIn(em, d);
    const [id] = (await upsertArticlesIn(em, d, sourceId, [Object.assign({}, draft, { guid: `manual:${randomUUID()}` })])).articleIds;
    if (slug || relatedIds?.length) await reviseArticleIn(em, d, id, { slug: slug ?? undefined, relatedIds });
    return id;
  });
}

/** Changes an article as an editor asks; returns the fields that changed. One transaction. */
export function updateArticle(db: DataSource, id: number, revision: ArticleRevision): Promise<string[]> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    await checkArticleInput(em, d, id, revision);
    return reviseArticleIn(em, d, id, revision);
  });
}

/** Replaces an article's editorial related news, in the order given. */
export function setRelatedArticles(db: DataSource, id: number, relatedIds: number[]): Promise<string[]> {
  return updateArticle(db, id, { relatedIds });
}

/** Adds tags (by name) after the article's own, skipping those it has. */
export function addTags(db: DataSource, id: number, names: string[]): Promise<string[]> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    await checkArticleInput(em, d, id, {});
    const current = await tagNamesOf(em, id);
    const have = new Set(current.map((name) => slugify(name)));
    const added = names.filter((name) => {
      const slug = slugify(name);
      return !have.has(slug) && have.add(slug);
    });
    return reviseArticleIn(em, d, id, { tags: [...current, ...added] });
  });
}

/** Removes tags (by name or slug); a tag the article does not have is an input problem. */
export function removeTags(db: DataSource, id: number, names: string[]): Promise<string[]> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    await checkArticleInput(em, d, id, {});
    const current = await tagNamesOf(em, id);
    const slugs = new Set(current.map((name) => slugify(name)));
    rejectProblems(
      names.flatMap((name, index) => (slugs.has(slugify(name)) ? [] : [{ field: `tags.${index}`, message: `the article has no tag "${name}"` }])),
    );
    const removed = new Set(names.map((name) => slugify(name)));
    return reviseArticleIn(em, d, id, { tags: current.filter((name) => !removed.has(slugify(name))) });
  });
}

/**
 * Deletes an article; the database leaves a tombstone for the change feed, and the items
 * the article came from are withdrawn, so that the next fetch does not bring it back.
 */
export function deleteArticle(db: DataSource, id: number): Promise<void> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    await checkArticleInput(em, d, id, {});
    await run(
      em,
      `INSERT INTO withdrawn_items (source_id, guid, fingerprint, url, withdrawn_at)
       SELECT s.source_id, s.guid, s.fingerprint, a.url, ? FROM article_sources s JOIN articles a ON a.id = s.article_id WHERE s.article_id = ?`,
      [d.date(new Date()), id],
    );
    await run(em, "DELETE FROM articles WHERE id = ?", [id]);
  });
}

async function tagNamesOf(em: EntityManager, articleId: number): Promise<string[]> {
  const rows = await select<{ name: string }>(em, "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = ? ORDER BY x.position", [articleId]);
  return rows.map((row) => row.name);
}

/** An editor's change to one stored article: only what is given changes. */
export type ArticleRevision = Partial<Pick<ArticleDraft, "title" | "teaser" | "body" | "url" | "category" | "language" | "author" | "publishedAt">> & {
  /** A new slug; slugs otherwise never change. */
  slug?: string;
  /** The article's tag names, complete and in order. */
  tags?: string[];
  /** The editorial related news by article id, complete and in order. */
  relatedIds?: number[];
};

const REVISABLE_COLUMNS = ["title", "teaser", "body", "url", "category", "language", "author", "publishedAt"] as const;

/** The columns of a stored article an editor's change reads. */
type RevisedRow = {
  title: string;
  teaser: string | null;
  body: string | null;
  url: string | null;
  url_is_permalink: unknown;
  category: string | null;
  language: string | null;
  author: string | null;
  published_at: unknown;
  slug: string;
  content_hash: string;
  source_kind: string | null;
};

/**
 * Writes an editor's change to one stored article inside the caller's transaction and
 * returns the fields that changed (none: nothing is written). For an article that came from
 * a feed or the seed data, the changed fields are remembered with the content hash of the
 * source version they change, so the next fetch keeps them unless the source changed
 * (see upsertArticlesIn). The caller checks that the article exists and that slug and URL are free.
 */
export async function reviseArticleIn(em: EntityManager, d: Dialect, articleId: number, revision: ArticleRevision): Promise<string[]> {
  const [row] = await select<RevisedRow>(
    em,
    "SELECT a.*, s.kind AS source_kind FROM articles a LEFT JOIN sources s ON s.id = a.source_id WHERE a.id = ?",
    [articleId],
  );
  if (!row) throw new Error(`article ${articleId} does not exist`);
  const authors = await select<{ name: string; url: string | null }>(em, "SELECT name, url FROM article_authors WHERE article_id = ? ORDER BY position", [articleId]);
  const stored = clean({
    title: row.title, teaser: row.teaser, body: row.body, url: row.url, urlIsPermalink: Boolean(row.url_is_permalink), category: row.category,
    language: row.language, author: row.author, authors, publishedAt: d.readDate(row.published_at),
  });
  const given: Partial<ArticleDraft> = Object.fromEntries(REVISABLE_COLUMNS.filter((key) => revision[key] !== undefined).map((key) => [key, revision[key]]));
  // An editor's URL is the article's own; an editor's author replaces every author.
  if (given.url !== undefined) given.urlIsPermalink = true;
  if (given.author !== undefined) given.authors = [];
  const draft = clean(Object.assign({}, stored, given));
  const fields: string[] = REVISABLE_COLUMNS.filter(
    (key) => key in given && JSON.stringify(draft[key] ?? null) !== JSON.stringify(stored[key] ?? null),
  );
  if (revision.slug !== undefined && revision.slug !== row.slug) fields.push("slug");

  const tags = (await select<{ name: string }>(em, "SELECT t.name FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = ? ORDER BY x.position", [articleId])).map((t) => t.name);
  const related = (await select<{ related_id: number }>(em, "SELECT related_id FROM article_relations WHERE article_id = ? ORDER BY position", [articleId])).map((r) => Number(r.related_id));
  const newTags = revision.tags ?? tags;
  const newRelated = revision.relatedIds ?? related;
  if (JSON.stringify(newTags) !== JSON.stringify(tags)) fields.push("tags");
  if (JSON.stringify(newRelated) !== JSON.stringify(related)) fields.push("related");
  if (!fields.length) return [];

  if (row.source_kind !== null && row.source_kind !== SourceKind.MANUAL) await recordOverride(em, d, articleId, fields, row.content_hash);
  const hash = contentHash(Object.assign({}, draft, { tags: newTags, related: newRelated.map(String) }));
  await run(
    em,
    `UPDATE articles SET title = ?, teaser = ?, body = ?, url = ?, url_is_permalink = ?, category = ?, language = ?, author = ?,
       published_at = ?, sort_at = ?, slug = ?, content_hash = ?, updated_at = ? WHERE id = ?`,
    [...columns(draft, d), revision.slug ?? row.slug, hash, d.date(new Date()), articleId],
  );
  if (fields.includes("tags")) await replaceTags(em, d, articleId, newTags);
  else if (fields.includes("publishedAt")) {
    // A new date moves the article in its tags' lists too.
    await run(em, "UPDATE article_tags SET sort_at = (SELECT a.sort_at FROM articles a WHERE a.id = ?) WHERE article_id = ?", [articleId, articleId]);
  }
  if (fields.includes("related")) await replaceRelatedIds(em, articleId, newRelated);
  if (fields.includes("author")) await replaceAuthors(em, articleId, draft.authors ?? []);
  return fields;
}

/** Remembers which fields an editor changed; the first change of an article fixes the source version. */
async function recordOverride(em: EntityManager, d: Dialect, articleId: number, fields: string[], sourceHash: string): Promise<void> {
  const [existing] = await select<{ fields: string }>(em, "SELECT fields FROM editorial_overrides WHERE article_id = ?", [articleId]);
  if (existing) {
    const all = [...new Set([...(JSON.parse(existing.fields) as string[]), ...fields])];
    await run(em, "UPDATE editorial_overrides SET fields = ?, updated_at = ? WHERE article_id = ?", [JSON.stringify(all), d.date(new Date()), articleId]);
  } else {
    await run(em, "INSERT INTO editorial_overrides (article_id, fields, source_hash, updated_at) VALUES (?, ?, ?, ?)", [
      articleId, JSON.stringify(fields), sourceHash, d.date(new Date()),
    ]);
  }
}

async function replaceRelatedIds(em: EntityManager, articleId: number, relatedIds: number[]): Promise<void> {
  await run(em, "DELETE FROM article_relations WHERE article_id = ?", [articleId]);
  let position = 0;
  for (const relatedId of new Set(relatedIds)) {
    if (relatedId === articleId) continue;
    await run(em, "INSERT INTO article_relations (article_id, related_id, position) VALUES (?, ?, ?)", [articleId, relatedId, position++]);
  }
}
