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
import { reviseArticleIn, upsertArticlesIn, type ArticleRevision } from "./upsert-articles";

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
