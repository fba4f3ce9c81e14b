import { existsSync } from "node:fs";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { builtRankExtension } from "../config";

/**
 * The SQLite extension of native/newsgate-fts.c: `newsgate_bm25`, FTS5's BM25 with each
 * phrase's match count given by the caller, who keeps the counts between searches, instead
 * of counted by reading the phrase's whole index on every search. Where it is not loaded,
 * searches rank with FTS5's own bm25(): the same scores, at that cost.
 */
export interface RankExtensionConnection {
  loadExtension(file: string, entryPoint?: string): unknown;
}

const ENTRY_POINT = "sqlite3_newsgatefts_init";

/** Whether each SQLite database's connection has the extension loaded (set as it opens). */
export const rankingLoaded = new WeakMap<DataSource, boolean>();
let warnedMissing = false;

/**
 * Loads the extension into a new connection: `file` as configured, undefined for the one
 * `npm run build` compiles (a warning once when that one is missing), null for none.
 * Returns whether it is loaded.
 */
export function loadRankExtension(connection: RankExtensionConnection, file: string | null | undefined, log?: Logger): boolean {
  if (file === null) return false;
  const path = file ?? builtRankExtension();
  if (file === undefined && !existsSync(path)) {
    if (!warnedMissing) {
      warnedMissing = true;
      log?.warn(
        { file: path },
        "search-ranking extension not built: each search counts its words' matches again (slower on large stores); `npm run build` builds it where a C compiler is installed, SQLITE_RANK_EXTENSION=off silences this",
      );
    }
    return false;
  }
  try {
    connection.loadExtension(path, ENTRY_POINT);
  } catch (error) {
    throw new RankExtensionError(
      `The search-ranking extension ${path} could not be loaded (${(error as Error).message}): rebuild it with \`npm run build\` (needs a C compiler), ` +
        "point SQLITE_RANK_EXTENSION at a library built for this machine, or set SQLITE_RANK_EXTENSION=off",
      { cause: error },
    );
  }
  return true;
}

/** A library that is there but does not load: the start stops, naming the setting, not the database file. */
export class RankExtensionError extends Error {}

/** Whether searches on `db` may rank with `newsgate_bm25` and phrase counts. */
export const ranksWithPhraseCounts = (db: DataSource): boolean => rankingLoaded.get(db) ?? false;
