import type { DataSource } from "typeorm";
import { openDatabase } from "../../../src/db";
import { createTestDatabase } from "../../helpers/database";
import { ingestSource, type IngestOptions } from "../../../src/ingest/ingest-source";
import { addFeedSource, findSourceById } from "../../../src/store";
import { select } from "../../../src/store/sql";

/** A fresh, migrated database of its own (see createTestDatabase). */
export async function openTestDatabase(): Promise<{ db: DataSource; close(): Promise<void>; url: string }> {
  const fresh = await createTestDatabase();
  const db = await openDatabase(fresh.config);
  return {
    db,
    url: fresh.url,
    async close() {
      await db.destroy();
      await fresh.drop();
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
