import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import { run } from "./sql";

/**
 * Sets when a source is next due, nothing else. The fetcher moves it to the time a failure
 * would give before a fetched document is parsed: should the process die on that document,
 * a restart meets it again only then. The success or failure it records next replaces it.
 */
export async function setNextFetchAt(db: DataSource, sourceId: number, at: Date | null): Promise<void> {
  const d = dialectOf(db);
  await run(db, "UPDATE sources SET next_fetch_at = ? WHERE id = ?", [at === null ? null : d.date(at), sourceId]);
}
