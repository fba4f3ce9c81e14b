import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { select } from "./sql";

/**
 * The bodies of many articles in one statement, in the order asked (null for an article
 * without one or one that is gone). Lists read articles without their bodies, the largest
 * column by far; a body is read only when a query asks for it.
 */
export async function findArticleBodies(db: DataSource, ids: readonly number[]): Promise<(string | null)[]> {
  const d = dialectOf(db);
  const rows = await select<{ id: number; body: string | null }>(db, `SELECT a.id, a.body FROM articles a WHERE a.id IN (${d.idTable()})`, [d.list(ids)]);
  const bodies = new Map(rows.map((row) => [Number(row.id), row.body]));
  return ids.map((id) => bodies.get(id) ?? null);
}
