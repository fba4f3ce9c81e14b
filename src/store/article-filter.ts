import type { Dialect } from "../db/dialect";
import type { SearchQuery } from "../search/search-query";
import { UNDATED_SORT_AT } from "./rows";

/**
 * Which articles a list holds. Every field given narrows the set (empty lists do not);
 * `and`, `or` and `not` combine whole filters.
 */
export interface ArticleFilterSpec {
  /** Tag slugs: the article has any of them. */
  tags?: string[];
  /** Tag slugs: the article has all of them. */
  allTags?: string[];
  /** Tag slugs: the article has none of them. */
  excludeTags?: string[];
  category?: string;
  sourceIds?: number[];
  language?: string;
  /** Published at or after. */
  publishedAfter?: Date;
  /** Published strictly before. */
  publishedBefore?: Date;
  /** Full-text search. */
  query?: SearchQuery;
  /** Every one matches. */
  and?: ArticleFilterSpec[];
  /** At least one matches. */
  or?: ArticleFilterSpec[];
  /** Does not match. */
  not?: ArticleFilterSpec;
}

export interface SqlPart {
  sql: string;
  params: unknown[];
}

/** The condition of a filter that narrows nothing. */
const MATCH_ALL = "1 = 1";

/** True when a filter's condition lets every article through. */
export const matchesAll = (part: SqlPart): boolean => part.sql === MATCH_ALL;

/** The WHERE condition (over alias `a`) and its parameters for a filter. */
export function articleFilterSql(filter: ArticleFilterSpec | undefined, d: Dialect): SqlPart {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const add = (part: SqlPart) => {
    conditions.push(part.sql);
    params.push(...part.params);
  };
  if (!filter) return { sql: MATCH_ALL, params };

  const taggedWith = `SELECT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE t.slug IN (${d.textTable()})`;
  if (filter.tags?.length) {
    add({ sql: `a.id IN (${taggedWith})`, params: [d.list(slugs(filter.tags))] });
  }
  if (filter.allTags?.length) {
    const all = slugs(filter.allTags);
    add({
      sql: `a.id IN (SELECT x.article_id FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE t.slug IN (${d.textTable()}) GROUP BY x.article_id HAVING COUNT(*) = ?)`,
      params: [d.list(all), all.length],
    });
  }
  if (filter.excludeTags?.length) {
    add({ sql: `a.id NOT IN (${taggedWith})`, params: [d.list(slugs(filter.excludeTags))] });
  }
  if (filter.category !== undefined) add({ sql: "a.category = ?", params: [filter.category] });
  if (filter.sourceIds?.length) {
    add({ sql: `a.source_id IN (${d.idTable()})`, params: [d.list([...new Set(filter.sourceIds)])] });
  }
  if (filter.language !== undefined) add({ sql: "a.language = ?", params: [filter.language] });
  if (filter.publishedAfter) add({ sql: "a.sort_at >= ?", params: [filter.publishedAfter.getTime()] });
  if (filter.publishedBefore) {
    add({ sql: "a.sort_at < ? AND a.sort_at > ?", params: [filter.publishedBefore.getTime(), UNDATED_SORT_AT] });
  }
  if (filter.query) add(d.fullTextMatch("a.id", filter.query));
  for (const part of filter.and ?? []) add(wrap(articleFilterSql(part, d)));
  if (filter.or?.length) {
    const parts = filter.or.map((part) => articleFilterSql(part, d));
    add({ sql: `(${parts.map((p) => `(${p.sql})`).join(" OR ")})`, params: parts.flatMap((p) => p.params) });
  }
  if (filter.not) {
    const inner = articleFilterSql(filter.not, d);
    // IS NOT TRUE: an article whose column is NULL does not match, so `not` keeps it.
    add({ sql: `(${inner.sql}) IS NOT TRUE`, params: inner.params });
  }
  return { sql: conditions.length ? conditions.join(" AND ") : MATCH_ALL, params };
}

function wrap(part: SqlPart): SqlPart {
  return { sql: `(${part.sql})`, params: part.params };
}

function slugs(values: string[]): string[] {
  return [...new Set(values.map((s) => s.toLowerCase()))];
}
