import type { DataSource } from "typeorm";
import type { Source } from "../entities";
import { claimSourceFetch, releaseSourceFetch } from "../store";
import { ingestSource, type IngestOptions, type IngestOutcome } from "./ingest-source";

/** How long a fetch may hold its source: well past the 20 s fetch limit and the write. */
const LEASE_MS = 5 * 60_000;

/**
 * Sources being fetched right now, per database, in this process; a lease in the database
 * (claimSourceFetch) keeps other processes off them too.
 */
const inFlight = new WeakMap<DataSource, Set<number>>();

export interface RunOptions extends IngestOptions {
  /** How many sources are fetched at once (FETCH_CONCURRENCY). */
  concurrency: number;
  /** Called as each source starts and ends, for progress output. */
  onStart?: (source: Source) => void;
  onDone?: (outcome: IngestOutcome, done: number, total: number) => void;
  /** Called for a source another process is fetching right now (it is left out). */
  onSkip?: (source: Source) => void;
  /**
   * Fetch a source only while it is still due: sources read from the schedule may have been
   * fetched since by another process or instance (it is left out then, as when it is busy).
   */
  onlyDue?: boolean;
}

/**
 * Fetches sources with at most `concurrency` at once and returns their outcomes in input
 * order. A source already being fetched (by the scheduler, or by another process on the
 * same database) is left out of the run.
 */
export async function ingestSources(db: DataSource, sources: readonly Source[], options: RunOptions): Promise<IngestOutcome[]> {
  let busy = inFlight.get(db);
  if (!busy) inFlight.set(db, (busy = new Set()));
  const mine = sources.filter((source, i) => !busy.has(source.id) && sources.findIndex((s) => s.id === source.id) === i);
  mine.forEach((source) => busy.add(source.id));
  const outcomes = new Array<IngestOutcome>(mine.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < mine.length && !options.signal?.aborted) {
      const index = next++;
      const source = mine[index];
      const now = options.now?.() ?? new Date();
      if (!(await claimSourceFetch(db, source.id, now, new Date(now.getTime() + LEASE_MS), { due: options.onlyDue }))) {
        busy.delete(source.id); // another process is fetching it
        options.onSkip?.(source);
        continue;
      }
      options.onStart?.(source);
      try {
        outcomes[index] = await ingestSource(db, source, options);
      } finally {
        busy.delete(source.id);
        await releaseSourceFetch(db, source.id);
      }
      options.onDone?.(outcomes[index], ++done, mine.length);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, mine.length)) }, worker));
  } finally {
    mine.forEach((source) => busy.delete(source.id));
  }
  return outcomes.filter(Boolean);
}

/** Sources currently being fetched from a database, by id (for tests and diagnostics). */
export function sourcesInFlight(db: DataSource): number[] {
  return [...(inFlight.get(db) ?? [])];
}
