import type { Dialect } from "../db/dialect";
import type { SourceKind } from "../entities/source-kind.enum";
import { run, type Runner } from "./sql";

/** A source to create. Left out: no language, the default interval, not scheduled. */
export interface NewSource {
  name: string;
  url: string | null;
  kind: SourceKind;
  language?: string | null;
  intervalSeconds?: number;
  /** When the fetcher first takes it; null leaves it to the schedule. */
  dueAt?: Date | null;
}

/** The one statement that creates a source; returns its id. */
export async function createSource(em: Runner, d: Dialect, source: NewSource, now = new Date()): Promise<number> {
  const [row] = await run<{ id: number }>(
    em,
    `INSERT INTO sources (name, url, kind, language, fetch_interval_seconds, consecutive_failures, next_fetch_at, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?, ?) RETURNING id`,
    [source.name, source.url, source.kind, source.language ?? null, source.intervalSeconds ?? 900, source.dueAt ? d.date(source.dueAt) : null, d.date(now), d.date(now)],
  );
  return Number(row.id);
}
