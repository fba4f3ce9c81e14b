import type { DataSource } from "typeorm";
import { dbQueries } from "../metrics";
import { select } from "./sql";

/** One entry of the change feed: an article written, or a tombstone of one deleted. */
export interface Change {
  seq: number;
  articleId: number;
  deleted: boolean;
}

/** The changes after `since`, in commit order; one more than `limit` when more follow. */
export async function findChanges(db: DataSource, since: number, limit: number): Promise<Change[]> {
  const rows = await select<{ seq: number; id: number; deleted: number }>(
    db,
    `SELECT * FROM (
       SELECT * FROM (SELECT a.change_seq AS seq, a.id AS id, 0 AS deleted FROM articles a
                      WHERE a.change_seq > ? ORDER BY a.change_seq LIMIT ?) written
       UNION ALL
       SELECT * FROM (SELECT t.change_seq AS seq, t.article_id AS id, 1 AS deleted FROM article_tombstones t
                      WHERE t.change_seq > ? ORDER BY t.change_seq LIMIT ?) deleted
     ) changes ORDER BY seq LIMIT ?`,
    [since, limit + 1, since, limit + 1, limit + 1],
  );
  return rows.map((row) => ({ seq: Number(row.seq), articleId: Number(row.id), deleted: Number(row.deleted) === 1 }));
}

/** The newest change number: a finished sync continues from here. */
export async function latestChange(db: DataSource): Promise<number> {
  const [row] = await select<{ value: number }>(db, "SELECT value FROM change_counter WHERE id = 1");
  return Number(row?.value ?? 0);
}

/**
 * A reader of the store's change number, fast enough to ask on every request: on SQLite a
 * prepared statement on the driver's own connection, run synchronously. It sees commits of
 * every process that shares the database file. Counted like every other statement.
 */
export function changeVersionReader(db: DataSource): () => number {
  const driver = db.driver as unknown as { databaseConnection?: { prepare(sql: string): { pluck(): { get(): unknown } } } };
  if (db.options.type !== "better-sqlite3" || !driver.databaseConnection) {
    throw new Error("the response cache needs the SQLite store so far");
  }
  const statement = driver.databaseConnection.prepare("SELECT value FROM change_counter WHERE id = 1").pluck();
  return () => {
    dbQueries.inc();
    return Number(statement.get() ?? 0);
  };
}
