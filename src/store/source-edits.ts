import type { DataSource, EntityManager } from "typeorm";
import { dialectOf } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { SourceKind } from "../entities/source-kind.enum";
import { rejectProblems, type FieldProblem } from "./invalid-input";
import { createSource } from "./source-writes";
import { run, select } from "./sql";

/** What an admin may change on a source; left out stays. */
export interface SourceChanges {
  name?: string;
  url?: string;
  enabled?: boolean;
  intervalSeconds?: number;
}

async function urlTaken(em: EntityManager, url: string, exceptId: number): Promise<FieldProblem[]> {
  const [other] = await select<{ id: number }>(em, "SELECT id FROM sources WHERE url = ? AND id <> ?", [url, exceptId]);
  return other ? [{ field: "url", message: `is already the URL of source #${other.id}; update or remove that one instead` }] : [];
}

/** Adds a feed source, due at once; a URL that is already a source is an input problem. Returns its id. */
export function addSource(db: DataSource, input: { url: string; name?: string | null; intervalSeconds?: number }): Promise<number> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    rejectProblems(await urlTaken(em, input.url, 0));
    const now = new Date();
    return createSource(em, d, { name: input.name?.trim() || input.url, url: input.url, kind: SourceKind.RSS, intervalSeconds: input.intervalSeconds, dueAt: now }, now);
  });
}

/** Changes a source. Only feed sources have a URL; a changed URL or re-enabling makes it due at once. */
export function updateSource(db: DataSource, id: number, changes: SourceChanges): Promise<void> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    const [source] = await select<{ url: string | null }>(em, "SELECT url FROM sources WHERE id = ?", [id]);
    const problems: FieldProblem[] = source ? [] : [{ field: "id", message: "no source has this id; see the sources query" }];
    if (source && changes.url !== undefined) {
      if (source.url === null) problems.push({ field: "url", message: "only feed sources have a URL; add a feed with addSource instead" });
      else problems.push(...(await urlTaken(em, changes.url, id)));
    }
    rejectProblems(problems);
    const now = d.date(new Date());
    const due = (changes.url !== undefined && changes.url !== source.url) || changes.enabled === true;
    await run(
      em,
      `UPDATE sources SET name = COALESCE(?, name), url = COALESCE(?, url), enabled = COALESCE(?, enabled),
         fetch_interval_seconds = COALESCE(?, fetch_interval_seconds), next_fetch_at = CASE WHEN ? THEN ? ELSE next_fetch_at END, updated_at = ?
       WHERE id = ?`,
      [changes.name?.trim() ?? null, changes.url ?? null, changes.enabled ?? null, changes.intervalSeconds ?? null, due, now, now, id],
    );
    if (changes.url !== undefined && changes.url !== source.url) await run(em, "DELETE FROM source_fetch_states WHERE source_id = ?", [id]);
  });
}
