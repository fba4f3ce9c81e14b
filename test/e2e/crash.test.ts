import Database from "better-sqlite3";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { compiled, runNode } from "../helpers/process";

const ITEMS = 4000;

/** A feed big enough that storing it takes seconds: one transaction to interrupt. */
function bigFeed(items: number): string {
  const entries = Array.from({ length: items }, (_, i) =>
    `<item><title>Crash test item ${i}</title><link>https://crash.example.org/a/${i}</link><guid>crash-${i}</guid>` +
    `<pubDate>${new Date(Date.UTC(2025, 0, 1) + i * 60_000).toUTCString()}</pubDate>` +
    `<description>${"Ein Absatz über die Stadt und ihre Nachrichten. ".repeat(12)}</description>` +
    `<category>thema-${i % 40}</category><category>bereich-${i % 7}</category></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Crash</title><link>https://crash.example.org/</link>${entries.join("")}</channel></rss>`;
}

/** True while another connection holds the database's write lock (a write transaction is open). */
function writerActive(path: string): boolean {
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
}

describe("a crash during ingestion", () => {
  let dir: string;
  let feeds: FeedServer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsgate-crash-"));
    feeds = await startFeedServer();
    feeds.serve("/big.xml", bigFeed(ITEMS), { "content-type": "application/rss+xml" });
  });
  afterAll(async () => {
    await feeds.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("leaves a consistent database without a half-written feed, and the next run completes the work", async () => {
    const path = join(dir, "newsgate.sqlite");
    const env = { DATABASE_URL: `sqlite:${path}`, FETCH_ALLOW_HOSTS: "127.0.0.1", LOG_LEVEL: "silent" };
    expect((await runNode("cli.js", ["sources", "add", `${feeds.url}/big.xml`, "--interval", "60"], env)).code).toBe(0);

    const child = spawn(process.execPath, [compiled("cli.js"), "ingest", "--once"], { env: { ...process.env, ...env } });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("close", (code, signal) => resolve(signal ?? code)));

    // Wait until the feed's write transaction holds the lock, let it write a while, then kill.
    const deadline = Date.now() + 60_000;
    while (!writerActive(path)) {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the ingest never started writing:\n${output}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    child.kill("SIGKILL");
    expect(await exited).toBe("SIGKILL");
    expect(output).not.toMatch(/succeeded/);

    const counts = (db: Database.Database) => ({
      integrity: db.pragma("integrity_check", { simple: true }),
      foreignKeyProblems: (db.pragma("foreign_key_check") as unknown[]).length,
      articles: (db.prepare("SELECT count(*) AS n FROM articles").get() as { n: number }).n,
      articleTags: (db.prepare("SELECT count(*) AS n FROM article_tags").get() as { n: number }).n,
      articleSources: (db.prepare("SELECT count(*) AS n FROM article_sources").get() as { n: number }).n,
      fetched: (db.prepare("SELECT count(*) AS n FROM sources WHERE last_fetched_at IS NOT NULL").get() as { n: number }).n,
    });
    const afterCrash = new Database(path);
    expect(counts(afterCrash)).toEqual({ integrity: "ok", foreignKeyProblems: 0, articles: 0, articleTags: 0, articleSources: 0, fetched: 0 });
    afterCrash.close();

    // The killed run left its fetch lease behind; its process is gone, so the next run takes it over.
    const rerun = await runNode("cli.js", ["ingest", "--once"], env);
    expect(rerun.stdout).toBe(`#1 Crash: new (${ITEMS} new, 0 updated, 0 unchanged)\ningest: 1 succeeded, 0 failed\n`);
    const afterRerun = new Database(path);
    expect(counts(afterRerun)).toEqual({ integrity: "ok", foreignKeyProblems: 0, articles: ITEMS, articleTags: 2 * ITEMS, articleSources: ITEMS, fetched: 1 });
    // The full-text index followed the articles in the same transaction.
    expect((afterRerun.prepare("SELECT count(*) AS n FROM article_fts WHERE article_fts MATCH 'Absatz'").get() as { n: number }).n).toBe(ITEMS);
    afterRerun.close();
  }, 120_000);
});
