import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/database";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { runNode, startNode } from "../helpers/process";

/** As src/main.ts: how long a shutdown may take before the process exits anyway (with code 1). */
const SHUTDOWN_GRACE_MS = 10_000;

/**
 * A feed that a worker reads for a second or more: as many items as a document may give
 * (normalize's MAX_ITEMS), each with markup nested as deep as sanitizing allows, about 15 MB
 * (under the 15 MiB fetch limit).
 */
function slowFeed(items: number): string {
  const body = ("&lt;b&gt;".repeat(200) + "deep" + "&lt;/b&gt;".repeat(200)).repeat(4);
  const entries = Array.from({ length: items }, (_, i) =>
    `<item><title>Slow item ${i}</title><link>https://slow.example.org/a/${i}</link><guid>slow-${i}</guid><description>${body}</description></item>`,
  );
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Slow</title><link>https://slow.example.org/</link>${entries.join("")}</channel></rss>`;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("the server while a feed takes long to read", () => {
  let dir: string;
  let store: TestDatabase;
  let feeds: FeedServer;
  let env: Record<string, string>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsgate-hostile-"));
    store = await createTestDatabase();
    feeds = await startFeedServer();
    feeds.serve("/slow.xml", slowFeed(1000), { "content-type": "application/rss+xml" });
    env = {
      PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "info", FETCH_ALLOW_HOSTS: "127.0.0.1", FEED_PARSE_TIMEOUT_MS: "120000",
      DATABASE_URL: onPostgres ? store.url : `sqlite:${join(dir, "newsgate.sqlite")}`,
    };
    expect((await runNode("cli.js", ["sources", "add", `${feeds.url}/slow.xml`, "--interval", "60"], env)).code).toBe(0);
  });
  afterAll(async () => {
    await feeds.close();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Starts the compiled server, which fetches the due feed at once; resolves once a worker is reading it. */
  async function startReading() {
    const before = feeds.requests.length;
    const server = await startNode("main.js", env, /Newsgate serves (http:\/\/[^/]+)\/graphql/);
    const url = server.match[1];
    const deadline = Date.now() + 30_000;
    while (feeds.requests.length === before) {
      if (Date.now() > deadline) {
        server.child.kill("SIGKILL");
        throw new Error(`the server never fetched the feed:\n${server.output()}`);
      }
      await sleep(10);
    }
    await sleep(300); // the body is downloaded and handed to a worker
    return Object.assign(server, { url });
  }

  it("answers /healthz while it reads the feed, and SIGTERM ends it within the grace period", async () => {
    const server = await startReading();
    try {
      // Twenty answers while the feed is still being read: the event loop is not the one reading it.
      for (let i = 0; i < 20; i++) {
        const response = await fetch(`${server.url}/healthz`);
        expect(response.status).toBe(200);
        await response.text();
        await sleep(10);
      }
      expect(server.output()).not.toMatch(/feed Slow/); // still reading: nothing was logged for the source yet

      const stopping = performance.now();
      server.child.kill("SIGTERM");
      expect(await server.exited).toBe(0);
      expect(performance.now() - stopping).toBeLessThan(SHUTDOWN_GRACE_MS);
    } finally {
      server.child.kill("SIGKILL");
    }
  }, 90_000);

  it("does not read a feed again at start-up when the process died reading it", async () => {
    const server = await startReading();
    server.child.kill("SIGKILL");
    await server.exited;

    const requests = feeds.requests.length;
    const again = await startNode("main.js", env, /Newsgate serves (http:\/\/[^/]+)\/graphql/);
    try {
      await sleep(1500);
      expect(feeds.requests.length).toBe(requests);
      const response = await fetch(`${again.match[1]}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ sources { url nextFetchAt } }" }),
      });
      const { data } = (await response.json()) as { data: { sources: { url: string | null; nextFetchAt: string | null }[] } };
      const slow = data.sources.find((s) => s.url === `${feeds.url}/slow.xml`)!;
      expect(new Date(slow.nextFetchAt!).getTime()).toBeGreaterThan(Date.now());
    } finally {
      again.child.kill("SIGTERM");
      await again.exited;
    }
  }, 90_000);
});
