import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "pino";
import { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import { entities } from "../entities";
import { migrations } from "./migrations";
import { htmlToText } from "../ingest/html-text";
import { foldForSearch } from "../search/fold";
import { QueryLogger } from "./query-logger";

/** How long a statement waits for a lock held by another connection before it fails. */
const BUSY_TIMEOUT_MS = 5000;

interface SqliteConnection {
  pragma(source: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

/** Builds (does not open) the DataSource for a database setting. */
export function createDataSource(database: DatabaseConfig, log?: Logger): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logger: new QueryLogger(log) };
  if (database.kind === "postgres") {
    return new DataSource({ ...common, type: "postgres", url: database.url });
  }
  const inMemory = database.path === ":memory:";
  return new DataSource({
    ...common,
    type: "better-sqlite3",
    database: database.path,
    enableWAL: !inMemory,
    timeout: BUSY_TIMEOUT_MS,
    prepareDatabase: (connection: SqliteConnection) => {
      connection.pragma("synchronous = NORMAL");
      connection.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
      connection.pragma("foreign_keys = ON");
      // Used when the full-text index is refreshed: the same folding as search queries get.
      const nullable = (fn: (text: string) => string | null) => (value: unknown) => (value === null || value === undefined ? null : fn(String(value)));
      connection.function("ng_fold", { deterministic: true }, nullable(foldForSearch));
      connection.function("ng_html_text", { deterministic: true }, nullable(htmlToText));
    },
  });
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(database: DatabaseConfig, log?: Logger): Promise<DataSource> {
  if (database.kind === "sqlite" && database.path !== ":memory:") {
    mkdirSync(dirname(database.path), { recursive: true });
  }
  const db = createDataSource(database, log);
  try {
    await db.initialize();
  } catch (error) {
    const hint =
      database.kind === "postgres"
        ? "check DATABASE_URL and that the server is reachable"
        : `check that ${database.path} is a writable SQLite file`;
    throw new Error(`Cannot open the database (${hint}): ${(error as Error).message}`, { cause: error });
  }
  await db.runMigrations({ transaction: "each" });
  return db;
}
