import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Article } from "../entities";
import type { SearchQuery } from "../search/search-query";
import { articleFilterSql, matchesAll, type ArticleFilterSpec } from "./article-filter";
import { toPage, type Page, type PageRequest } from "./page";
import { countArticles } from "./articles";
import { toArticle } from "./rows";
import { select } from "./sql";

/** Where a hit stands in a result list: by score, best first, then by id. */
export interface SearchKey {
  score: number;
  id: number;
}

export interface SearchHit {
  article: Article;
  score: number;
}

export const searchKey = (hit: SearchHit): SearchKey => ({ score: hit.score, id: hit.article.id });

const compareHits = (a: SearchHit, b: SearchHit): number => b.score - a.score || b.article.id - a.article.id;

/** One page of the articles matching a search (and a filter), best match first. */
export async function findSearchPage(
  db: DataSource,
  query: SearchQuery,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<SearchKey>,
): Promise<Page<SearchHit>> {
  const d = dialectOf(db);
  const scores = d.fullTextScores(query);
  const where = articleFilterSql(filter, d);
  const forward = page.direction === "forward";
  const near = forward ? "DESC" : "ASC";
  const far = forward ? "ASC" : "DESC";
  // Without a filter, rank inside the full-text index and read only the page's articles.
  const unfiltered = matchesAll(where);
  const hits = unfiltered
    ? `SELECT f.id, f.score FROM (${scores.sql}) f`
    : `SELECT a.*, f.score FROM (${scores.sql}) f JOIN articles a ON a.id = f.id WHERE ${where.sql}`;
  const hitParams = unfiltered ? scores.params : [...scores.params, ...where.params];
  const cursor = page.cursor ? [page.cursor.score, page.cursor.id] : [];
  let sql =
    `SELECT * FROM (SELECT 0 AS page_side, h.* FROM (${hits}) h` +
    `${page.cursor ? ` WHERE (h.score, h.id) ${forward ? "<" : ">"} (?, ?)` : ""}` +
    ` ORDER BY h.score ${near}, h.id ${near} LIMIT ?) page_rows`;
  const params: unknown[] = [...hitParams, ...cursor, page.limit + 1];
  if (page.cursor) {
    sql +=
      ` UNION ALL SELECT * FROM (SELECT 1 AS page_side, h.* FROM (${hits}) h WHERE (h.score, h.id) ${forward ? ">=" : "<="} (?, ?)` +
      ` ORDER BY h.score ${far}, h.id ${far} LIMIT 1) beyond_rows`;
    params.push(...hitParams, ...cursor);
  }
  if (unfiltered) sql = `SELECT p.page_side, p.score, a.* FROM (${sql}) p JOIN articles a ON a.id = p.id`;
  const raw = await select<{ page_side: number; score: number }>(db, sql, params);
  return toPage(raw, page, (row) => ({ article: toArticle(row, d), score: Number(row.score) }), compareHits);
}

/** How many articles match a search (and a filter). */
export async function countSearch(db: DataSource, query: SearchQuery, filter: ArticleFilterSpec | undefined): Promise<number> {
  const d = dialectOf(db);
  const where = articleFilterSql(filter, d);
  if (!matchesAll(where)) return countArticles(db, { and: filter ? [filter] : [], query });
  const scores = d.fullTextScores(query);
  const [row] = await select<{ n: number }>(db, `SELECT COUNT(*) AS n FROM (${scores.sql}) f`, scores.params);
  return Number(row.n);
}
