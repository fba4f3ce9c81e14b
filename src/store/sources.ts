import type { DataSource, EntityManager } from "typeorm";
import { dialectOf } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import type { Source } from "../entities";
import { toSource } from "./rows";
import { createSource } from "./source-writes";
import { select } from "./sql";

export async function findSourcesByIds(db: DataSource, ids: readonly number[]): Promise<(Source | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT s.* FROM sources s WHERE s.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toSource(row, d)]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** Every source, by name. */
export async function listSources(db: DataSource): Promise<Source[]> {
  const d = dialectOf(db);
  const rows = await select(db, "SELECT s.* FROM sources s ORDER BY s.name, s.id");
  return rows.map((row) => toSource(row, d));
}

/** How many articles each source has. */
export async function countArticlesBySourceIds(db: DataSource, sourceIds: readonly number[]): Promise<number[]> {
  const d = dialectOf(db);
  const rows = await select<{ source_id: number; n: number }>(
    db,
    `SELECT a.source_id, COUNT(*) AS n FROM articles a WHERE a.source_id IN (${d.idTable()}) GROUP BY a.source_id`,
    [d.list(sourceIds)],
  );
  const counts = new Map(rows.map((row) => [Number(row.source_id), Number(row.n)]));
  return sourceIds.map((id) => counts.get(id) ?? 0);
}

export interface SourceDraft {
  name: string;
  url: string | null;
  kind: Source["kind"];
  language?: string | null;
}

/**
 * The stored source with the draft's URL (or, without one, its kind and name), created when
 * missing. Looked up and created in one write transaction, so that instances starting
 * together on an empty store (each loading the seed data) create it once.
 */
export async function ensureSource(db: DataSource, draft: SourceDraft): Promise<Source> {
  const d = dialectOf(db);
  const find = (em: EntityManager) =>
    draft.url
      ? select(em, "SELECT s.* FROM sources s WHERE s.url = ?", [draft.url])
      : select(em, "SELECT s.* FROM sources s WHERE s.url IS NULL AND s.kind = ? AND s.name = ?", [draft.kind, draft.name]);
  const [found] = await find(db.manager);
  if (found) return toSource(found, d);
  const row = await writeTransaction(db, async (em) => {
    const [existing] = await find(em);
    if (existing) return existing;
    await createSource(em, d, { name: draft.name, url: draft.url, kind: draft.kind, language: draft.language });
    return (await find(em))[0];
  });
  return toSource(row, d);
}

/** True when the database answers a trivial statement. */
export async function isDatabaseUp(db: DataSource): Promise<boolean> {
  try {
    await select(db, "SELECT 1 AS one");
    return true;
  } catch {
    return false;
  }
}
