import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { articleFilterSql, matchesAll, type ArticleFilterSpec } from "./article-filter";
import { UNDATED_SORT_AT } from "./rows";
import { select } from "./sql";

export interface KeyCount<K> {
  key: K;
  count: number;
}

const DAY_MS = 86_400_000;

/** How many of the filtered articles carry each tag, most first; one statement. */
export async function countByTag(db: DataSource, filter: ArticleFilterSpec | undefined, limit: number): Promise<KeyCount<number>[]> {
  const where = articleFilterSql(filter, dialectOf(db));
  // Without a filter every tagged article counts: the tag index alone answers.
  const from = matchesAll(where) ? "article_tags x" : "article_tags x JOIN articles a ON a.id = x.article_id";
  const rows = await select<{ k: number; n: number }>(
    db,
    `SELECT x.tag_id AS k, COUNT(*) AS n FROM ${from} WHERE ${where.sql} GROUP BY x.tag_id ORDER BY n DESC, k LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((row) => ({ key: Number(row.k), count: Number(row.n) }));
}

/** How many of the filtered articles each source has, most first. */
export async function countBySource(db: DataSource, filter: ArticleFilterSpec | undefined, limit: number): Promise<KeyCount<number>[]> {
  return countByColumn(db, "source_id", filter, limit, Number);
}

/** How many of the filtered articles have each value of a text column (category, language), most first. */
export function countByValue(
  db: DataSource,
  column: "category" | "language",
  filter: ArticleFilterSpec | undefined,
  limit: number,
): Promise<KeyCount<string>[]> {
  return countByColumn(db, column, filter, limit, String);
}

async function countByColumn<K>(
  db: DataSource,
  column: string,
  filter: ArticleFilterSpec | undefined,
  limit: number,
  key: (value: unknown) => K,
): Promise<KeyCount<K>[]> {
  const where = articleFilterSql(filter, dialectOf(db));
  const rows = await select<{ k: unknown; n: number }>(
    db,
    `SELECT a.${column} AS k, COUNT(*) AS n FROM articles a WHERE ${where.sql} AND a.${column} IS NOT NULL
     GROUP BY a.${column} ORDER BY n DESC, k LIMIT ?`,
    [...where.params, limit],
  );
  return rows.map((row) => ({ key: key(row.k), count: Number(row.n) }));
}

/** The range of publication times of the filtered (dated) articles, or null when none is dated. */
export async function publishedRange(db: DataSource, filter: ArticleFilterSpec | undefined): Promise<{ min: number; max: number } | null> {
  const where = articleFilterSql(filter, dialectOf(db));
  const [row] = await select<{ lo: number | null; hi: number | null }>(
    db,
    `SELECT MIN(a.sort_at) AS lo, MAX(a.sort_at) AS hi FROM articles a WHERE ${where.sql} AND a.sort_at > ?`,
    [...where.params, UNDATED_SORT_AT],
  );
  return row?.lo === null || row?.lo === undefined ? null : { min: Number(row.lo), max: Number(row.hi) };
}

/**
 * How many filtered articles were published on each local day, where `offsets` says the
 * zone's offset from UTC (minutes) from each instant on: one statement, grouped in SQL.
 * Days are numbered from 1970-01-01 (local).
 */
export async function countByLocalDay(
  db: DataSource,
  filter: ArticleFilterSpec | undefined,
  offsets: { from: number; minutes: number }[],
): Promise<KeyCount<number>[]> {
  const where = articleFilterSql(filter, dialectOf(db));
  // The shifts are cast, so that PostgreSQL knows them for numbers (as SQLite does anyway).
  const arms = offsets.slice(1).map(() => "WHEN a.sort_at < ? THEN CAST(? AS BIGINT)").join(" ");
  const armParams = offsets.slice(1).flatMap((o, i) => [o.from, offsets[i].minutes * 60_000]);
  const shift = offsets.length > 1 ? `CASE ${arms} ELSE CAST(? AS BIGINT) END` : "CAST(? AS BIGINT)";
  const rows = await select<{ k: number; n: number }>(
    db,
    `SELECT (a.sort_at + ${shift}) / ${DAY_MS} AS k, COUNT(*) AS n FROM articles a
     WHERE ${where.sql} AND a.sort_at > ? GROUP BY k ORDER BY k`,
    [...armParams, offsets[offsets.length - 1].minutes * 60_000, ...where.params, UNDATED_SORT_AT],
  );
  return rows.map((row) => ({ key: Number(row.k), count: Number(row.n) }));
}
