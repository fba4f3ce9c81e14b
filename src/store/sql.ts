import type { DataSource, EntityManager } from "typeorm";
import { dialectOf } from "../db/dialect";

/** Something that runs SQL: the DataSource, or a transaction's EntityManager. */
export type Runner = DataSource | EntityManager;

/** Runs a portable read (SELECT) written with `?` placeholders and returns the raw rows. */
export function select<T = Record<string, unknown>>(db: Runner, sql: string, params: unknown[] = []): Promise<T[]> {
  return query<T>(db, sql, params);
}

/**
 * Runs a portable write (INSERT, UPDATE or DELETE) written with `?` placeholders; returns
 * the rows of its RETURNING clause (none without one).
 */
export function run<T = Record<string, unknown>>(db: Runner, sql: string, params: unknown[] = []): Promise<T[]> {
  return query<T>(db, sql, params);
}

async function query<T>(db: Runner, sql: string, params: unknown[]): Promise<T[]> {
  const source = "dataSource" in db ? db.dataSource : db;
  const result = await db.query(dialectOf(source).placeholders(sql), params);
  // TypeORM answers an UPDATE or DELETE on PostgreSQL with [rows, affected]; rows are objects, never arrays.
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === "number") return result[0] as T[];
  return result as T[];
}

/** Groups rows by a key, keeping their order; every key asked for gets a (maybe empty) list. */
export function groupBy<T>(keys: readonly number[], rows: T[], keyOf: (row: T) => number): T[][] {
  const groups = new Map<number, T[]>();
  for (const key of keys) groups.set(key, []);
  for (const row of rows) groups.get(keyOf(row))?.push(row);
  return keys.map((key) => groups.get(key) ?? []);
}
