import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Article } from "../entities";
import { articleFilterSql, type ArticleFilterSpec } from "./article-filter";
import { toPage, type Page, type PageRequest } from "./page";
import { toArticle } from "./rows";
import { groupBy, select } from "./sql";

/** Where an article stands in the list: the key its cursor carries. */
export interface ArticleKey {
  sortAt: number;
  id: number;
}

export const articleKey = (a: Article): ArticleKey => ({ sortAt: a.sortAt, id: a.id });

/** List order: newest first, undated last, then by id, newest first. */
export const compareArticles = (a: Article, b: Article): number => b.sortAt - a.sortAt || b.id - a.id;

export async function findArticlesByIds(db: DataSource, ids: readonly number[]): Promise<(Article | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT a.* FROM articles a WHERE a.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toArticle(row, d)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function findArticlesBySlugs(db: DataSource, slugs: readonly string[]): Promise<(Article | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT a.* FROM articles a WHERE a.slug IN (${d.textTable()})`, [d.list(slugs)]);
  const bySlug = new Map(rows.map((row) => [String(row.slug), toArticle(row, d)]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

export async function countArticles(db: DataSource, filter?: ArticleFilterSpec): Promise<number> {
  const where = articleFilterSql(filter, dialectOf(db));
  const [row] = await select<{ n: number }>(db, `SELECT COUNT(*) AS n FROM articles a WHERE ${where.sql}`, where.params);
  return Number(row.n);
}

/** One page of the filtered article list. */
export async function findArticlePage(
  db: DataSource,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<ArticleKey>,
): Promise<Page<Article>> {
  const d = dialectOf(db);
  const where = articleFilterSql(filter, d);
  const forward = page.direction === "forward";
  const near = forward ? "DESC" : "ASC";
  const far = forward ? "ASC" : "DESC";
  const params: unknown[] = [...where.params];
  let inside = where.sql;
  if (page.cursor) {
    inside += ` AND (a.sort_at, a.id) ${forward ? "<" : ">"} (?, ?)`;
    params.push(page.cursor.sortAt, page.cursor.id);
  }
  params.push(page.limit + 1);
  let sql = `SELECT * FROM (SELECT 0 AS page_side, a.* FROM articles a WHERE ${inside} ORDER BY a.sort_at ${near}, a.id ${near} LIMIT ?) page_rows`;
  if (page.cursor) {
    sql +=
      ` UNION ALL SELECT * FROM (SELECT 1 AS page_side, a.* FROM articles a WHERE ${where.sql}` +
      ` AND (a.sort_at, a.id) ${forward ? ">=" : "<="} (?, ?) ORDER BY a.sort_at ${far}, a.id ${far} LIMIT 1) beyond_rows`;
    params.push(...where.params, page.cursor.sortAt, page.cursor.id);
  }
  const raw = await select<{ page_side: number }>(db, sql, params);
  return toPage(raw, page, (row) => toArticle(row, d), compareArticles);
}

/**
 * The same page of articles for many tags at once: one statement, ranked per tag with
 * ROW_NUMBER(), so that a list of tags with their articles costs one query.
 */
export async function findArticlePagesByTags(
  db: DataSource,
  tagIds: readonly number[],
  page: PageRequest<ArticleKey>,
): Promise<Page<Article>[]> {
  const d = dialectOf(db);
  const forward = page.direction === "forward";
  const ranked = (side: 0 | 1, compare: string, order: "ASC" | "DESC") =>
    `SELECT ${side} AS page_side, x.tag_id AS owner_id, a.*,` +
    ` ROW_NUMBER() OVER (PARTITION BY x.tag_id ORDER BY a.sort_at ${order}, a.id ${order}) AS rn` +
    ` FROM article_tags x JOIN articles a ON a.id = x.article_id` +
    ` WHERE x.tag_id IN (${d.idTable()})${compare ? ` AND (a.sort_at, a.id) ${compare} (?, ?)` : ""}`;
  const cursorParams = page.cursor ? [page.cursor.sortAt, page.cursor.id] : [];
  let sql = `SELECT * FROM (${ranked(0, page.cursor ? (forward ? "<" : ">") : "", forward ? "DESC" : "ASC")}) page_rows WHERE rn <= ?`;
  const params: unknown[] = [d.list(tagIds), ...cursorParams, page.limit + 1];
  if (page.cursor) {
    sql += ` UNION ALL SELECT * FROM (${ranked(1, forward ? ">=" : "<=", forward ? "ASC" : "DESC")}) beyond_rows WHERE rn <= 1`;
    params.push(d.list(tagIds), ...cursorParams);
  }
  const raw = await select<{ page_side: number; owner_id: number }>(db, sql, params);
  return groupBy(tagIds, raw, (row) => Number(row.owner_id)).map((rows) =>
    toPage(rows, page, (row) => toArticle(row, d), compareArticles),
  );
}

/** True when the database holds at least one article. */
export async function hasArticles(db: DataSource): Promise<boolean> {
  return (await select(db, "SELECT 1 AS one FROM articles LIMIT 1")).length > 0;
}
