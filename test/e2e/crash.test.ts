import { sqliteDriver } from "../../src/db/sqlite-driver";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Client } from "pg";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/database";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { compiled, runNode } from "../helpers/process";

const Database = sqliteDriver();

/** As many items as a document may give (normalize's MAX_ITEMS), each with many tags. */
const ITEMS = 1000;

/** A feed big enough that storing it takes seconds: one transaction to interrupt. */
function bigFeed(items: number): string {
  const entries = Array.from({ length: items }, (_, i) =>
    `<item><title>Crash test item ${i}</title><link>https://crash.example.org/a/${i}</link><guid>crash-${i}</guid>` +
    `<pubDate>${new Date(Date.UTC(2025, 0, 1) + i * 60_000).toUTCString()}</pubDate>` +
    `<description>${"Ein Absatz über die Stadt und ihre Nachrichten. ".repeat(12)}</description>` +
    Array.from({ length: 24 }, (_, t) => `<category>thema-${(i + t) % 97}</category>`).join("") +
    `<category>bereich-${i % 7}</category></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Crash</title><link>https://crash.example.org/</link>${entries.join("")}</channel></rss>`;
}

interface Counts {
  integrity: string;
  foreignKeyProblems: number;
  articles: number;
  articleTags: number;
  articleSources: number;
  fetched: number;
  /** Articles the full-text index finds for "Absatz". */
  indexed: number;
}

/** What the test looks at in the store, on SQLite (the file, checked whole) or on PostgreSQL. */
interface StoreProbe {
  /** True while another connection has a write transaction open. */
  writerActive(): Promise<boolean>;
  counts(): Promise<Counts>;
}

function sqliteProbe(path: string): StoreProbe {
  return {
    async writerActive() {
      const probe = new Database(path, { timeout: 0 });
      try {
        probe.exec("BEGIN IMMEDIATE");
        probe.exec("ROLLBACK");
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === "SQLITE_BUSY") return true;
        throw error;
      } finally {
        probe.close();
      }
    },
    async counts() {
      const db = new Database(path);
      const n = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
      try {
        return {
          integrity: db.pragma("integrity_check", { simple: true }) as string,
          foreignKeyProblems: (db.pragma("foreign_key_check") as unknown[]).length,
          articles: n("SELECT count(*) AS n FROM articles"),
          articleTags: n("SELECT count(*) AS n FROM article_tags"),
          articleSources: n("SELECT count(*) AS n FROM article_sources"),
          fetched: n("SELECT count(*) AS n FROM sources WHERE last_fetched_at IS NOT NULL"),
          indexed: n("SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH 'Absatz'"),
        };
      } finally {
        db.close();
      }
    },
  };
}

/** PostgreSQL checks its own pages and enforces foreign keys; what is left to count is the rows. */
function postgresProbe(url: string): StoreProbe {
  const query = async (sql: string): Promise<number> => {
    const client = new Client({ connectionString: url });
    await client.connect();
    try {
      return Number((await client.query(sql)).rows[0].n);
    } finally {
      await client.end();
    }
  };
  return {
    writerActive: async () =>
      (await query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL")) > 0,
    async counts() {
      return {
        integrity: "ok",
        foreignKeyProblems: await query(
          "SELECT (SELECT count(*) FROM article_tags x WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = x.article_id))" +
            " + (SELECT count(*) FROM article_search s WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = s.article_id)) AS n",
        ),
        articles: await query("SELECT count(*) AS n FROM articles"),
        articleTags: await query("SELECT count(*) AS n FROM article_tags"),
        articleSources: await query("SELECT count(*) AS n FROM article_sources"),
        fetched: await query("SELECT count(*) AS n FROM sources WHERE last_fetched_at IS NOT NULL"),
        indexed: await query("SELECT count(*) AS n FROM article_search WHERE document @@ 'absatz'::tsquery"),
      };
    },
  };
}

describe("a crash during ingestion", () => {
  let dir: string;
  let store: TestDatabase;
  let feeds: FeedServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsgate-crash-"));
    store = await createTestDatabase();
    feeds = await startFeedServer();
    feeds.serve("/big.xml", bigFeed(ITEMS), { "content-type": "application/rss+xml" });
  });
  afterAll(async () => {
    await feeds.close();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves a consistent database without a half-written feed, and the next run completes the work", async () => {
    const url = onPostgres ? store.url : `sqlite:${join(dir, "newsgate.sqlite")}`;
    const probe = onPostgres ? postgresProbe(url) : sqliteProbe(url.slice("sqlite:".length));
    const env = { DATABASE_URL: url, FETCH_ALLOW_HOSTS: "127.0.0.1", LOG_LEVEL: "silent" };
    expect((await runNode("cli.js", ["sources", "add", `${feeds.url}/big.xml`, "--interval", "60"], env)).code).toBe(0);

    const child = spawn(process.execPath, [compiled("cli.js"), "ingest", "--once"], { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("close", (code, signal) => resolve(signal ?? code)));

    // Wait until the feed's write transaction holds the lock (for 50 ms on end: the source's
    // schedule is also written, in a moment, before and after its document is read), let it
    // write a while, then kill.
    const deadline = Date.now() + 60_000;
    let writingSince: number | null = null;
    while (writingSince === null || Date.now() - writingSince < 50) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the ingest never started writing:\n${output}`);
      writingSince = (await probe.writerActive()) ? (writingSince ?? Date.now()) : null;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toMatch(/succeeded/);

    expect(await probe.counts()).toEqual({ integrity: "ok", foreignKeyProblems: 0, articles: 0, articleTags: 0, articleSources: 0, fetched: 0, indexed: 0 });

    // The killed run left its fetch lease behind; its process is gone, so the next run takes it over.
    const rerun = await runNode("cli.js", ["ingest", "--once"], env);
    expect(rerun.stdout).toBe(`#1 Crash: new (${ITEMS} new, 0 updated, 0 unchanged)\ningest: 1 succeeded, 0 failed\n`);
    // The full-text index followed the articles in the same transaction.
    expect(await probe.counts()).toEqual({
      integrity: "ok", foreignKeyProblems: 0, articles: ITEMS, articleTags: 25 * ITEMS, articleSources: ITEMS, fetched: 1, indexed: ITEMS,
    });
  }, 120_000);
});
