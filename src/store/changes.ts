import type { DataSource } from "typeorm";
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
