import type { DataSource } from "typeorm";
import { dialectOf, type Dialect } from "../db/dialect";
import type { Article } from "../entities";
import { articleFilterSql, matchesAll, type ArticleFilterSpec, type SqlPart } from "./article-filter";
import { toPage, type Page, type PageRequest } from "./page";
import { articleListColumns, toArticle } from "./rows";
import { groupBy, select } from "./sql";

/** Where an article stands in the list: the key its cursor carries. */
export interface ArticleKey {
  sortAt: number;
  id: number;
}

export const articleKey = (a: Article): ArticleKey => ({ sortAt: a.sortAt, id: a.id });

/** List order: newest first, undated last, then by id, newest first. */
export const compareArticles = (a: ArticleKey, b: ArticleKey): number => b.sortAt - a.sortAt || b.id - a.id;

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
  const d = dialectOf(db);
  const tagged = byTags(filter, d);
  if (tagged && matchesAll(tagged.rest)) {
    // Only tags: the tag index alone answers (an article with two of the tags counts once).
    const count = tagged.slugs.length === 1 ? "COUNT(*)" : "COUNT(DISTINCT x.article_id)";
    const [row] = await select<{ n: number }>(
      db,
      `SELECT ${count} AS n FROM article_tags x WHERE x.tag_id IN (SELECT t.id FROM tags t WHERE t.slug IN (${d.textTable()}))`,
      [d.list(tagged.slugs)],
    );
    return Number(row.n);
  }
  const where = articleFilterSql(filter, d);
  const [row] = await select<{ n: number }>(db, `SELECT COUNT(*) AS n FROM articles a WHERE ${where.sql}`, where.params);
  return Number(row.n);
}

/** A filter that asks for any of some tags, split into the tag slugs and the rest of it. */
function byTags(filter: ArticleFilterSpec | undefined, d: Dialect): { slugs: string[]; rest: SqlPart } | null {
  if (!filter?.tags?.length) return null;
  return { slugs: [...new Set(filter.tags.map((s) => s.toLowerCase()))], rest: articleFilterSql(Object.assign({}, filter, { tags: undefined }), d) };
}

/**
 * The ids and sort keys of the first `limit` filtered articles past a key, nearest first, as
 * a sub-select of `(id, sort_at)`. A filter by tags reads each tag's articles newest (or
 * oldest) first from ix_article_tags_recent and stops after `limit` of each: the rows read
 * follow the page size, not the size of the tags.
 */
function pageKeys(
  d: Dialect,
  filter: ArticleFilterSpec | undefined,
  past: { compare: "<" | ">" | "<=" | ">="; key: ArticleKey } | null,
  order: "ASC" | "DESC",
  limit: number,
): SqlPart {
  const tagged = byTags(filter, d);
  if (!tagged) {
    const where = articleFilterSql(filter, d);
    const cursor = past ? ` AND (a.sort_at, a.id) ${past.compare} (?, ?)` : "";
    return {
      sql: `SELECT a.id, a.sort_at FROM articles a WHERE ${where.sql}${cursor} ORDER BY a.sort_at ${order}, a.id ${order} LIMIT ?`,
      params: [...where.params, ...(past ? [past.key.sortAt, past.key.id] : []), limit],
    };
  }
  const rest = matchesAll(tagged.rest) ? "" : ` AND ${tagged.rest.sql}`;
  const cursor = past ? ` AND (x.sort_at, x.article_id) ${past.compare} (?, ?)` : "";
  // One arm per tag, each in index order (CROSS JOIN: SQLite reads the tag's rows first).
  const arm = (n: number) =>
    `SELECT * FROM (SELECT x.article_id AS id, x.sort_at FROM article_tags x${rest ? " CROSS JOIN articles a" : ""}` +
    ` WHERE x.tag_id = (SELECT t.id FROM tags t WHERE t.slug = ?)${rest ? " AND a.id = x.article_id" : ""}${rest}${cursor}` +
    ` ORDER BY x.sort_at ${order}, x.article_id ${order} LIMIT ?) tag_${n}`;
  const params = tagged.slugs.flatMap((slug) => [slug, ...tagged.rest.params, ...(past ? [past.key.sortAt, past.key.id] : []), limit]);
  if (tagged.slugs.length === 1) return { sql: arm(0), params };
  // An article with several of the tags comes from several arms: UNION keeps it once.
  return {
    sql: `SELECT * FROM (${tagged.slugs.map((_, n) => `SELECT id, sort_at FROM (${arm(n)}) arm_${n}`).join(" UNION ")}) merged ORDER BY sort_at ${order}, id ${order} LIMIT ?`,
    params: [...params, limit],
  };
}

/** One page of the filtered article list, read whole in one statement. */
export async function findArticlePage(
  db: DataSource,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<ArticleKey>,
): Promise<Page<Article>> {
  const d = dialectOf(db);
  const raw = await select<{ page_side: number }>(db, ...pageStatement(d, filter, page, (side) => `SELECT ${side} AS page_side, ${articleListColumns("a")}`, "JOIN articles a ON a.id = k.id"));
  return toPage(raw, page, (row) => toArticle(row, d), compareArticles);
}

/**
 * The keys of one page of the filtered article list, read from the indexes alone: for a
 * caller that has the articles at hand (see the read cache), the statement that costs least.
 */
export async function findArticlePageKeys(
  db: DataSource,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<ArticleKey>,
): Promise<Page<ArticleKey>> {
  const raw = await select<{ page_side: number; id: number; sort_at: number }>(db, ...pageStatement(dialectOf(db), filter, page, (side) => `SELECT ${side} AS page_side, k.id, k.sort_at`, ""));
  return toPage(raw, page, (row) => ({ sortAt: Number(row.sort_at), id: Number(row.id) }), compareArticles);
}

/** Articles as lists read them (without the body), by id. */
export async function findArticleListRowsByIds(db: DataSource, ids: readonly number[]): Promise<(Article | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT ${articleListColumns("a")} FROM articles a WHERE a.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toArticle(row, d)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/**
 * The statement of one page: the page's keys (`k.id`, `k.sort_at`) marked with
 * `page_side` 0, and when there is a cursor, the one key beyond it marked 1 (so pageInfo
 * knows what lies before the page). `select` starts each side; `join` follows its keys.
 */
function pageStatement(
  d: Dialect,
  filter: ArticleFilterSpec | undefined,
  page: PageRequest<ArticleKey>,
  select: (side: 0 | 1) => string,
  join: string,
): [string, unknown[]] {
  const forward = page.direction === "forward";
  const cursor = page.cursor;
  // The page's keys first, then what the caller reads of them.
  const inside = pageKeys(d, filter, cursor ? { compare: forward ? "<" : ">", key: cursor } : null, forward ? "DESC" : "ASC", page.limit + 1);
  let sql = `${select(0)} FROM (${inside.sql}) k ${join}`;
  const params: unknown[] = [...inside.params];
  if (cursor) {
    const beyond = pageKeys(d, filter, { compare: forward ? ">=" : "<=", key: cursor }, forward ? "ASC" : "DESC", 1);
    sql += ` UNION ALL ${select(1)} FROM (${beyond.sql}) k ${join}`;
    params.push(...beyond.params);
  }
  return [sql, params];
}

/**
 * The same page of articles for many tags at once: one statement. Each tag reads its page
 * from ix_article_tags_recent (an IN list with ORDER BY … LIMIT, evaluated once per tag), so
 * that a list of tags with their articles costs one query and reads only the pages' rows.
 */
export async function findArticlePagesByTags(
  db: DataSource,
  tagIds: readonly number[],
  page: PageRequest<ArticleKey>,
): Promise<Page<Article>[]> {
  const d = dialectOf(db);
  const forward = page.direction === "forward";
  const cursorParams = page.cursor ? [page.cursor.sortAt, page.cursor.id] : [];
  const side = (n: 0 | 1, compare: string, order: "ASC" | "DESC") =>
    `SELECT ${n} AS page_side, t.id AS owner_id, ${articleListColumns("a")} FROM (${d.idTable()}) t ` +
    d.joinArticlesAmong(
      `SELECT x.article_id FROM article_tags x WHERE x.tag_id = t.id${compare ? ` AND (x.sort_at, x.article_id) ${compare} (?, ?)` : ""}` +
        ` ORDER BY x.sort_at ${order}, x.article_id ${order} LIMIT ?`,
      "article_id",
    );
  let sql = side(0, page.cursor ? (forward ? "<" : ">") : "", forward ? "DESC" : "ASC");
  const params: unknown[] = [d.list(tagIds), ...cursorParams, page.limit + 1];
  if (page.cursor) {
    sql += ` UNION ALL ${side(1, forward ? ">=" : "<=", forward ? "ASC" : "DESC")}`;
    params.push(d.list(tagIds), ...cursorParams, 1);
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
