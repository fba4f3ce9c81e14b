import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { Logger } from "pino";
import { DataSource } from "typeorm";
import type { DatabaseConfig } from "../config";
import { entities } from "../entities";
import { migrations } from "./migrations";
import { foldForSearch } from "../search/fold";
import { htmlToText } from "../text/html-text";
import { QueryLogger } from "./query-logger";
import { loadRankExtension, RankExtensionError, rankingLoaded, type RankExtensionConnection } from "./rank-extension";
import { sqliteDriver } from "./sqlite-driver";

/** How long a statement waits for a lock held by another connection before it fails. */
const BUSY_TIMEOUT_MS = 5000;

/** The PostgreSQL advisory lock held while migrations run: one instance migrates, the others wait. */
const MIGRATION_LOCK_KEY = 7_310_421_093;

interface SqliteConnection extends RankExtensionConnection {
  pragma(source: string): unknown;
  function(name: string, options: { deterministic: boolean }, fn: (value: unknown) => unknown): unknown;
}

/** Builds (does not open) the DataSource for a database setting. */
export function createDataSource(database: DatabaseConfig, log?: Logger): DataSource {
  const common = { entities, migrations, synchronize: false, migrationsRun: false, logger: new QueryLogger(log) };
  if (database.kind === "postgres") {
    return new DataSource({
      type: "postgres",
      url: database.url,
      poolSize: database.poolSize ?? 10,
      applicationName: "newsgate",
      // node-postgres sets statement_timeout on each connection it opens.
      extra: database.statementTimeoutMs ? { statement_timeout: database.statementTimeoutMs } : {},
      ...common,
    });
  }
  const inMemory = database.path === ":memory:";
  const source: DataSource = new DataSource({
    type: "better-sqlite3",
    driver: sqliteDriver(),
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
      rankingLoaded.set(source, loadRankExtension(connection, database.rankExtension, log));
    },
    ...common,
  });
  return source;
}

/** Opens the database and brings its schema up to date. */
export async function openDatabase(database: DatabaseConfig, log?: Logger): Promise<DataSource> {
  if (database.kind === "sqlite" && database.path !== ":memory:") {
    mkdirSync(dirname(database.path), { recursive: true });
  }
  if (database.kind === "postgres") {
    await migratePostgres(database, log);
    return initialize(createDataSource(database, log), database);
  }
  const db = await initialize(createDataSource(database, log), database);
  try {
    await db.runMigrations({ transaction: "each" });
  } catch (error) {
    await db.destroy();
    throw error;
  }
  return db;
}

async function initialize(db: DataSource, database: DatabaseConfig): Promise<DataSource> {
  try {
    return await db.initialize();
  } catch (error) {
    if (error instanceof RankExtensionError) throw error;
    const hint =
      database.kind === "postgres"
        ? "check DATABASE_URL and that the server is reachable"
        : `check that ${database.path} is a writable SQLite file`;
    throw new Error(`Cannot open the database (${hint}): ${(error as Error).message}`, { cause: error });
  }
}

/**
 * Brings a PostgreSQL schema up to date under an advisory lock, so that instances starting
 * together are safe: one migrates, the others wait for it and then find nothing to do.
 * Migrations run on connections of their own, without the statement timeout.
 */
async function migratePostgres(database: Extract<DatabaseConfig, { kind: "postgres" }>, log?: Logger): Promise<void> {
  const db = await initialize(createDataSource(Object.assign({}, database, { poolSize: 2, statementTimeoutMs: 0 }), log), database);
  const lock = db.createQueryRunner();
  try {
    await lock.connect();
    const [{ locked }] = await lock.query("SELECT pg_try_advisory_lock($1) AS locked", [MIGRATION_LOCK_KEY]);
    if (!locked) {
      log?.info("another instance is migrating the database: waiting for it");
      await lock.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
    }
    try {
      await db.runMigrations({ transaction: "each" });
    } finally {
      await lock.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
    await db.destroy();
  }
}
