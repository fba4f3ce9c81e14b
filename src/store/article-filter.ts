import type { Dialect } from "../db/dialect";
import { UNDATED_SORT_AT } from "./rows";

/** Which articles a list holds; every field narrows the set, empty lists do not. */
export interface ArticleFilterSpec {
  /** Tag slugs: the article has any of them. */
  tags?: string[];
  /** Tag slugs: the article has all of them. */
  allTags?: string[];
  category?: string;
  sourceIds?: number[];
  language?: string;
  /** Published at or after. */
  publishedAfter?: Date;
  /** Published strictly before. */
  publishedBefore?: Date;
}

/** The WHERE condition (over alias `a`) and its parameters for a filter. */
export function articleFilterSql(filter: ArticleFilterSpec | undefined, d: Dialect): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const tagged = `SELECT 1 FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id AND t.slug IN (${d.textTable()})`;
  if (filter?.tags?.length) {
    conditions.push(`EXISTS (${tagged})`);
    params.push(d.list(unique(filter.tags.map((s) => s.toLowerCase()))));
  }
  if (filter?.allTags?.length) {
    const slugs = unique(filter.allTags.map((s) => s.toLowerCase()));
    conditions.push(
      `(SELECT COUNT(*) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id AND t.slug IN (${d.textTable()})) = ?`,
    );
    params.push(d.list(slugs), slugs.length);
  }
  if (filter?.category !== undefined) {
    conditions.push("a.category = ?");
    params.push(filter.category);
  }
  if (filter?.sourceIds?.length) {
    conditions.push(`a.source_id IN (${d.idTable()})`);
    params.push(d.list(unique(filter.sourceIds)));
  }
  if (filter?.language !== undefined) {
    conditions.push("a.language = ?");
    params.push(filter.language);
  }
  if (filter?.publishedAfter) {
    conditions.push("a.sort_at >= ?");
    params.push(filter.publishedAfter.getTime());
  }
  if (filter?.publishedBefore) {
    conditions.push("a.sort_at < ? AND a.sort_at > ?");
    params.push(filter.publishedBefore.getTime(), UNDATED_SORT_AT);
  }
  return { sql: conditions.length ? conditions.join(" AND ") : "1 = 1", params };
}

function unique<T>(values: T[]): T[] {
  return [...new Set(values)];
}
