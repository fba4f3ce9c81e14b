import type { DataSource } from "typeorm";
import { dialectOf, fts5Phrases, type Dialect } from "../db/dialect";
import { ranksWithPhraseCounts } from "../db/rank-extension";
import type { Article } from "../entities";
import type { SearchQuery } from "../search/search-query";
import { articleFilterSql, matchesAll, type ArticleFilterSpec } from "./article-filter";
import { toPage, type Page, type PageRequest } from "./page";
import { countArticles } from "./articles";
import { articleListColumns, toArticle } from "./rows";
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

const compareKeys = (a: SearchKey, b: SearchKey): number => b.score - a.score || b.id - a.id;
const compareHits = (a: SearchHit, b: SearchHit): number => b.score - a.score || b.article.id - a.article.id;

/**
 * How many of a search's matches are ranked by score: the `SEARCH_WINDOW` most recently
 * stored (highest ids). Scoring (BM25) costs a few microseconds per match, and a common word
 * matches most of the store (ranking all 54,000 matches of one word at 100k articles took
 * 60 ms and more); with the window, the scored rows are bounded whatever the store's size.
 * Matches past the window follow the ranked ones, most recently stored first, with score 0
 * (a ranked match scores above 0), so that (score, id) still orders the whole list and
 * cursors page through all of it.
 */
export const SEARCH_WINDOW = 500;

type Compare = "<" | ">" | "<=" | ">=";

/**
 * The phrases a search is ranked by, when `db` ranks with phrase counts its caller keeps
 * (SQLite with its ranking extension; see rank-extension.ts); null where the scoring counts
 * for itself. `excluded` phrases never occur in a match: their count does not matter.
 */
export function rankingPhrases(db: DataSource, query: SearchQuery): { phrase: string; excluded: boolean }[] | null {
  return ranksWithPhraseCounts(db) ? fts5Phrases(query) : null;
}

/**
 * How many articles contain each of `phrases` (as `rankingPhrases` gives them, for SQLite's
 * full-text index): one statement.
 */
export async function countPhraseMatches(db: DataSource, phrases: readonly string[]): Promise<number[]> {
  const columns = phrases.map((_, i) => `(SELECT COUNT(*) FROM article_fts WHERE article_fts MATCH ?) AS n${i}`);
  const [row] = await select<Record<string, number>>(db, `SELECT ${columns.join(", ")}`, [...phrases]);
  return phrases.map((_, i) => Number(row[`n${i}`]));
}

/**
 * One page of the articles matching a search (and a filter): the newest `SEARCH_WINDOW`
 * matches best first, then the older ones, newest first (see SEARCH_WINDOW). One statement;
 * the full-text index is read once, newest first, unless the cursor lies past the window.
 * The articles are read as lists read them, without the body (see findArticleBodies).
 * `phraseCounts`: what `countPhraseMatches` gave for `rankingPhrases(db, query)`, if kept.
 */
export async function findSearchPage(
  db: DataSource,
  query: SearchQuery,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<SearchKey>,
  phraseCounts?: readonly number[],
): Promise<Page<SearchHit>> {
  const d = dialectOf(db);
  const statement = searchPageStatement(d, query, filter, page, phraseCounts, (side, p) => `SELECT ${side} AS page_side, ${p}.score, ${articleListColumns("a")}`, (p) => `JOIN articles a ON a.id = ${p}.id`);
  const raw = await select<{ page_side: number; score: number }>(db, ...statement);
  return toPage(raw, page, (row) => ({ article: toArticle(row, d), score: Number(row.score) }), compareHits);
}

/**
 * The keys (score and id) of one page of a search, as `findSearchPage` finds it, without
 * reading the articles: for a caller that has them at hand (see the read cache).
 */
export async function findSearchPageKeys(
  db: DataSource,
  query: SearchQuery,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<SearchKey>,
  phraseCounts?: readonly number[],
): Promise<Page<SearchKey>> {
  const statement = searchPageStatement(dialectOf(db), query, filter, page, phraseCounts, (side, p) => `SELECT ${side} AS page_side, ${p}.score, ${p}.id`, () => "");
  const raw = await select<{ page_side: number; score: number; id: number }>(db, ...statement);
  return toPage(raw, page, (row) => ({ score: Number(row.score), id: Number(row.id) }), compareKeys);
}

/**
 * The statement of a search page: its keys (`score` and `id` of the sub-select that
 * `columns` and `join` are given the name of), then what the caller reads of them.
 */
function searchPageStatement(
  d: Dialect,
  query: SearchQuery,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<SearchKey>,
  phraseCounts: readonly number[] | undefined,
  columns: (side: 0 | 1, keys: string) => string,
  join: (keys: string) => string,
): [string, unknown[]] {
  const scores = d.fullTextScores(query, phraseCounts);
  const where = articleFilterSql(filter, d);
  const filtered = !matchesAll(where);
  // The filter narrows the matches by id before anything is scored. (`+`: the full-text index
  // reads its matches in order and looks each up in the list, never the reverse.)
  const allowed = filtered ? " AND +f.id IN (SELECT id FROM allowed)" : "";
  /** Matches (id only, not scored) whose id satisfies `condition`, nearest first. */
  const unscored = (condition: string, order: "ASC" | "DESC") =>
    `SELECT f.id, 0 AS score FROM (${scores.sql}) f WHERE ${condition}${allowed} ORDER BY f.id ${order} LIMIT ?`;

  const forward = page.direction === "forward";
  const cursor = page.cursor;
  const ctes: string[] = filtered ? [`allowed AS MATERIALIZED (SELECT a.id FROM articles a WHERE ${where.sql})`] : [];
  const cteParams: unknown[] = filtered ? [...where.params] : [];
  let inside: { sql: string; params: unknown[] };
  let beyond: { sql: string; params: unknown[] } | null = null;

  if (cursor && cursor.score === 0 && forward) {
    // Past the window, ids alone decide: the next matches by id, and whether any lies before.
    inside = { sql: unscored("f.id < ?", "DESC"), params: [...scores.params, cursor.id, page.limit + 1] };
    beyond = { sql: unscored("f.id >= ?", "ASC"), params: [...scores.params, cursor.id, 1] };
  } else {
    // The newest matches, scored: the window, and enough past it for a page.
    ctes.push(
      `newest AS MATERIALIZED (SELECT f.id, f.score FROM (${scores.sql}) f WHERE 1 = 1${allowed} ORDER BY f.id DESC LIMIT ?)`,
      "window_edge AS MATERIALIZED (SELECT COALESCE((SELECT n.id FROM newest n ORDER BY n.id DESC LIMIT 1 OFFSET ?), 0) AS id)",
      "listed AS (SELECT n.id, CASE WHEN n.id >= (SELECT id FROM window_edge) THEN n.score ELSE 0 END AS score FROM newest n)",
    );
    cteParams.push(...scores.params, SEARCH_WINDOW + page.limit + 1, SEARCH_WINDOW - 1);
    const fromListed = (compare: Compare | null, order: "ASC" | "DESC", limit: number) => ({
      sql: `SELECT l.id, l.score FROM listed l${compare ? ` WHERE (l.score, l.id) ${compare} (?, ?)` : ""} ORDER BY l.score ${order}, l.id ${order} LIMIT ?`,
      params: [...(compare && cursor ? [cursor.score, cursor.id] : []), limit],
    });
    if (forward) {
      inside = fromListed(cursor ? "<" : null, "DESC", page.limit + 1);
      if (cursor) beyond = fromListed(">=", "ASC", 1);
    } else if (cursor && cursor.score !== 0) {
      inside = fromListed(">", "ASC", page.limit + 1);
      // Past the cursor: a lower-scored match in the window, or the first one past it.
      beyond = fromListed("<=", "DESC", 1);
    } else {
      // Backward from the end of the list or from past the window: the matches between the
      // cursor (or the oldest) and the window, oldest first, then the window, lowest first.
      const between = unscored("f.id > ? AND f.id < (SELECT id FROM window_edge)", "ASC");
      inside = {
        sql:
          `SELECT * FROM (SELECT * FROM (${between}) between_rows UNION ALL SELECT * FROM (SELECT l.id, l.score FROM listed l` +
          ` WHERE l.score > 0 ORDER BY l.score ASC, l.id ASC LIMIT ?) ranked_rows) m ORDER BY m.score ASC, m.id ASC LIMIT ?`,
        params: [...scores.params, cursor?.id ?? 0, page.limit + 1, page.limit + 1, page.limit + 1],
      };
      if (cursor) beyond = { sql: unscored("f.id <= ?", "DESC"), params: [...scores.params, cursor.id, 1] };
    }
  }

  let sql = `${columns(0, "p")} FROM (${inside.sql}) p ${join("p")}`;
  const params: unknown[] = [...cteParams, ...inside.params];
  if (beyond) {
    sql += ` UNION ALL ${columns(1, "b")} FROM (${beyond.sql}) b ${join("b")}`;
    params.push(...beyond.params);
  }
  if (ctes.length) sql = `WITH ${ctes.join(", ")} ${sql}`;
  return [sql, params];
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
