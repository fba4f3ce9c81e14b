import { hostname } from "node:os";
import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { SourceKind, type Source } from "../entities";
import { toSource } from "./rows";
import { createSource } from "./source-writes";
import { run, select } from "./sql";

/** The kinds of source the feed fetcher reads. */
export const FEED_KINDS: readonly SourceKind[] = [SourceKind.RSS, SourceKind.ATOM, SourceKind.JSON_FEED];

export interface NewFeedSource {
  url: string;
  /** Shown until the first fetch; without one the URL stands in and the feed's title replaces it. */
  name?: string | null;
  intervalSeconds?: number;
  kind?: SourceKind;
}

/** Thrown when a source cannot be added as asked. */
export class SourceAdminError extends Error {
  override name = "SourceAdminError";
}

/** Adds a feed source, due at once; a URL that is already a source is refused. */
export async function addFeedSource(db: DataSource, input: NewFeedSource): Promise<Source> {
  const d = dialectOf(db);
  const existing = await select(db, "SELECT id FROM sources WHERE url = ?", [input.url]);
  if (existing.length) throw new SourceAdminError(`${input.url} is already source #${existing[0].id}: remove it first or use another URL`);
  const now = new Date();
  await createSource(db, d, { name: input.name?.trim() || input.url, url: input.url, kind: input.kind ?? SourceKind.RSS, intervalSeconds: input.intervalSeconds, dueAt: now }, now);
  const [row] = await select(db, "SELECT s.* FROM sources s WHERE s.url = ?", [input.url]);
  return toSource(row, d);
}

/** One source by id, or null. */
export async function findSourceById(db: DataSource, id: number): Promise<Source | null> {
  const [row] = await select(db, "SELECT s.* FROM sources s WHERE s.id = ?", [id]);
  return row ? toSource(row, dialectOf(db)) : null;
}

/**
 * Removes a source. Its articles that another source also lists pass to that source; the
 * others are deleted with their tags, images and links. Returns false when there is no such source.
 */
export async function removeSource(db: DataSource, id: number): Promise<boolean> {
  return writeTransaction(db, async (em) => {
    const [row] = await select(em, "SELECT id FROM sources WHERE id = ?", [id]);
    if (!row) return false;
    await run(
      em,
      `UPDATE articles SET source_id = (SELECT MIN(s.source_id) FROM article_sources s WHERE s.article_id = articles.id AND s.source_id <> ?)
       WHERE source_id = ? AND EXISTS (SELECT 1 FROM article_sources s WHERE s.article_id = articles.id AND s.source_id <> ?)`,
      [id, id, id],
    );
    await run(em, "DELETE FROM articles WHERE source_id = ?", [id]);
    await run(em, "DELETE FROM article_sources WHERE source_id = ?", [id]);
    await run(em, "DELETE FROM source_fetch_states WHERE source_id = ?", [id]);
    await run(em, "DELETE FROM sources WHERE id = ?", [id]);
    return true;
  });
}

/** Who holds a fetch lease: this machine and process. */
export const LEASE_HOLDER = `${hostname()}:${process.pid}`;

/**
 * Takes the fetch lease of a source until `until`, unless another fetch (of this or any other
 * process or instance) holds it: true when this caller may fetch. A lease runs out by itself,
 * and one left by a process of this machine that no longer runs (killed mid-fetch) is taken
 * over at once, so the next run completes the work. With `due`, the source is taken only
 * while it is still due at `now`: another instance may have fetched it since the caller read
 * the schedule, and a source is fetched once per interval however many instances run.
 * On PostgreSQL the row is claimed with FOR UPDATE SKIP LOCKED: a claimer never waits for
 * another, and two never take one source.
 */
export async function claimSourceFetch(db: DataSource, sourceId: number, now: Date, until: Date, options: { due?: boolean } = {}): Promise<boolean> {
  const d = dialectOf(db);
  const due = options.due ? " AND next_fetch_at IS NOT NULL AND next_fetch_at <= ?" : "";
  const take = (condition: string, params: unknown[]) =>
    run(
      db,
      `UPDATE sources SET fetch_lease_until = ?, fetch_lease_holder = ?
       WHERE id IN (SELECT id FROM sources WHERE id = ? AND (${condition})${due}${d.skipLocked()}) RETURNING id`,
      [d.date(until), LEASE_HOLDER, sourceId, ...params, ...(options.due ? [d.date(now)] : [])],
    );
  if ((await take("fetch_lease_until IS NULL OR fetch_lease_until < ?", [d.date(now)])).length > 0) return true;
  const [row] = await select<{ holder: string | null }>(db, "SELECT fetch_lease_holder AS holder FROM sources WHERE id = ?", [sourceId]);
  if (!row?.holder || !isDeadHereLocally(row.holder)) return false;
  return (await take("fetch_lease_holder = ?", [row.holder])).length > 0;
}

/** True when a lease holder is a process of this machine that has ended. */
function isDeadHereLocally(holder: string): boolean {
  const separator = holder.lastIndexOf(":");
  const host = holder.slice(0, separator);
  const pid = Number(holder.slice(separator + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/** Gives the fetch lease of a source back. */
export async function releaseSourceFetch(db: DataSource, sourceId: number): Promise<void> {
  await run(db, "UPDATE sources SET fetch_lease_until = NULL, fetch_lease_holder = NULL WHERE id = ? AND fetch_lease_holder = ?", [sourceId, LEASE_HOLDER]);
}

/** Enabled feed sources whose next fetch is due at `now`, the longest waiting first. */
export async function findDueSources(db: DataSource, now: Date): Promise<Source[]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT s.* FROM sources s WHERE s.url IS NOT NULL AND s.enabled = TRUE AND s.kind IN (${d.textTable()})
       AND s.next_fetch_at IS NOT NULL AND s.next_fetch_at <= ? ORDER BY s.next_fetch_at, s.id`,
    [d.list(FEED_KINDS), d.date(now)],
  );
  return rows.map((row) => toSource(row, d));
}

/** When the next enabled feed source falls due, or null when none is scheduled. */
export async function findNextFetchAt(db: DataSource): Promise<Date | null> {
  const d = dialectOf(db);
  const [row] = await select<{ next: unknown }>(
    db,
    `SELECT MIN(s.next_fetch_at) AS next FROM sources s WHERE s.url IS NOT NULL AND s.enabled = TRUE AND s.kind IN (${d.textTable()})`,
    [d.list(FEED_KINDS)],
  );
  return d.readDate(row?.next ?? null);
}

/** The validators for a conditional GET of a source. */
export interface FetchValidators {
  etag: string | null;
  lastModified: string | null;
}

export async function findFetchValidators(db: DataSource, sourceId: number): Promise<FetchValidators> {
  const [row] = await select<{ etag: string | null; last_modified: string | null }>(
    db,
    "SELECT etag, last_modified FROM source_fetch_states WHERE source_id = ?",
    [sourceId],
  );
  return { etag: row?.etag ?? null, lastModified: row?.last_modified ?? null };
}

/** What a successful fetch teaches about a source. */
export interface FetchSuccess {
  at: Date;
  nextFetchAt: Date;
  /** The detected format; unchanged when the server answered 304. */
  kind?: SourceKind;
  /** The feed's title, which replaces a name that was only the URL. */
  title?: string | null;
  language?: string | null;
  validators?: FetchValidators;
  /** What was read with trouble (see Source.lastWarning): null clears the last one, absent (a 304) keeps it. */
  warning?: string | null;
}

/** Records a successful fetch: clears the error and the failure count, schedules the next one. */
export async function recordFetchSuccess(db: DataSource, sourceId: number, success: FetchSuccess): Promise<void> {
  const d = dialectOf(db);
  const keepWarning = success.warning === undefined;
  await writeTransaction(db, async (em) => {
    await run(
      em,
      `UPDATE sources SET last_fetched_at = ?, last_error = NULL,${keepWarning ? "" : " last_warning = ?,"} consecutive_failures = 0, next_fetch_at = ?, updated_at = ?,
         kind = COALESCE(?, kind), language = COALESCE(language, ?),
         name = CASE WHEN name = url THEN COALESCE(?, name) ELSE name END
       WHERE id = ?`,
      [
        d.date(success.at), ...(keepWarning ? [] : [success.warning?.slice(0, 2000) ?? null]), d.date(success.nextFetchAt), d.date(success.at),
        success.kind ?? null, success.language?.slice(0, 20) ?? null, success.title?.slice(0, 200) || null, sourceId,
      ],
    );
    if (success.validators) {
      await run(em, "DELETE FROM source_fetch_states WHERE source_id = ?", [sourceId]);
      if (success.validators.etag || success.validators.lastModified) {
        await run(em, "INSERT INTO source_fetch_states (source_id, etag, last_modified, updated_at) VALUES (?, ?, ?, ?)", [
          sourceId, success.validators.etag, success.validators.lastModified, d.date(success.at),
        ]);
      }
    }
  });
}

/** Records a failed fetch: the error, one more consecutive failure, and when to try again. */
export async function recordFetchFailure(db: DataSource, sourceId: number, failure: { at: Date; error: string; nextFetchAt: Date }): Promise<void> {
  const d = dialectOf(db);
  await writeTransaction(db, (em) =>
    run(
      em,
      `UPDATE sources SET last_fetched_at = ?, last_error = ?, consecutive_failures = consecutive_failures + 1, next_fetch_at = ?, updated_at = ?
       WHERE id = ?`,
      [d.date(failure.at), failure.error.slice(0, 2000), d.date(failure.nextFetchAt), d.date(failure.at), sourceId],
    ),
  );
}
