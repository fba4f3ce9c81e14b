import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { DataSource } from "typeorm";
import { openDatabase } from "../../src/db";
import { ingestSource, type IngestOptions } from "../../src/ingest/ingest-source";
import { addFeedSource, findSourceById } from "../../src/store";
import { select } from "../../src/store/sql";

/** A fresh SQLite database in a temporary directory, migrated. */
export async function openTestDatabase(): Promise<{ db: DataSource; close(): Promise<void>; path: string }> {
  const dir = mkdtempSync(join(tmpdir(), "newsgate-ingest-"));
  const path = join(dir, "newsgate.sqlite");
  const db = await openDatabase({ kind: "sqlite", path });
  return {
    db,
    path,
    async close() {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Adds a feed source and fetches it once, returning the outcome. */
export async function addAndIngest(db: DataSource, url: string, options: Partial<IngestOptions> = {}) {
  const source = await addFeedSource(db, { url });
  return { source, outcome: await ingestSource(db, source, { allowHosts: ["127.0.0.1"], ...options }) };
}

/** Fetches a stored source again (re-reading its health first). */
export async function ingestAgain(db: DataSource, sourceId: number, options: Partial<IngestOptions> = {}) {
  const source = await findSourceById(db, sourceId);
  if (!source) throw new Error(`no source ${sourceId}`);
  return ingestSource(db, source, { allowHosts: ["127.0.0.1"], ...options });
}

/** The stored articles, newest first, as plain rows. */
export function articleRows(db: DataSource): Promise<Record<string, any>[]> {
  return select(db, "SELECT id, title, url, guid, source_id, teaser, published_at, updated_at FROM articles ORDER BY sort_at DESC, id DESC");
}
