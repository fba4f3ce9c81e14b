import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { parseDatabaseUrl, type DatabaseConfig } from "../../src/config";
import { openDatabase } from "../../src/db";

/**
 * Which database the tests run on: SQLite files by default; PostgreSQL when
 * NEWSGATE_TEST_POSTGRES_URL names a server (`npm run test:postgres` sets it).
 */
export const POSTGRES_ADMIN_URL = process.env.NEWSGATE_TEST_POSTGRES_URL ?? "";
export const onPostgres = POSTGRES_ADMIN_URL !== "";

/**
 * SQL statements the response cache's change number costs a request: one on SQLite; none on
 * PostgreSQL, where the number comes by notification.
 */
export const CHANGE_NUMBER_STATEMENTS = onPostgres ? 0 : 1;

/** `it` on SQLite only: what only SQLite's own parts (its ranking extension) can show. */
export const itOnSqlite: jest.It = onPostgres ? it.skip : it;

/** `it` on PostgreSQL only: what only several instances on one PostgreSQL store can show. */
export const itOnPostgres: jest.It = onPostgres ? it : it.skip;

export interface TestDatabase {
  /** DATABASE_URL of the new database. */
  url: string;
  config: DatabaseConfig;
  /** Removes the database (its file, or the PostgreSQL database). */
  drop(): Promise<void>;
}

const TEMPLATE = "newsgate_test_template";
/** Serializes template creation and copies across jest workers. */
const ADMIN_LOCK_KEY = 7_310_421_094;
let counter = 0;

/**
 * A fresh, migrated, empty database of its own: a SQLite file in a temporary directory, or
 * on PostgreSQL a new database copied from a migrated template (made once, on first need).
 * `empty: true` gives a PostgreSQL database without any schema (for migration tests).
 */
export async function createTestDatabase(options: { empty?: boolean } = {}): Promise<TestDatabase> {
  if (!onPostgres) {
    const dir = mkdtempSync(join(tmpdir(), "newsgate-test-"));
    const url = `sqlite:${join(dir, "newsgate.sqlite")}`;
    return { url, config: parseDatabaseUrl(url), drop: async () => rmSync(dir, { recursive: true, force: true }) };
  }
  const name = `newsgate_test_${process.pid}_${++counter}_${randomBytes(3).toString("hex")}`;
  await withAdmin(async (admin) => {
    await admin.query("SELECT pg_advisory_lock($1)", [ADMIN_LOCK_KEY]);
    try {
      if (!options.empty) await ensureTemplate(admin);
      await admin.query(`CREATE DATABASE ${name}${options.empty ? "" : ` TEMPLATE ${TEMPLATE}`}`);
    } finally {
      await admin.query("SELECT pg_advisory_unlock($1)", [ADMIN_LOCK_KEY]);
    }
  });
  const url = databaseUrl(name);
  return {
    url,
    config: parseDatabaseUrl(url),
    drop: async () => {
      await withAdmin((admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** The URL of another database on the test server. */
export function databaseUrl(name: string): string {
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

async function ensureTemplate(admin: Client): Promise<void> {
  const { rows } = await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [TEMPLATE]);
  if (rows.length) return;
  await admin.query(`CREATE DATABASE ${TEMPLATE}`);
  try {
    const db = await openDatabase(parseDatabaseUrl(databaseUrl(TEMPLATE)));
    await db.destroy();
  } catch (error) {
    await admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE} WITH (FORCE)`);
    throw error;
  }
}

/** Runs work on a connection to the server's administrative database. */
export async function withAdmin<T>(work: (admin: Client) => Promise<T>): Promise<T> {
  const admin = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.end();
  }
}
