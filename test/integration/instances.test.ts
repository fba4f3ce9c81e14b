import pino from "pino";
import { Role } from "../../src/auth/roles";
import { loadConfig } from "../../src/config";
import { ingestSources } from "../../src/ingest/run-sources";
import { startScheduler } from "../../src/ingest/scheduler";
import { addFeedSource, findDueSources } from "../../src/store";
import { select } from "../../src/store/sql";
import { migrations as allMigrations } from "../../src/db/migrations";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { Client } from "pg";
import { createTestDatabase, itOnPostgres, onPostgres, withAdmin } from "../helpers/database";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Several instances over one store, as behind a load balancer: on PostgreSQL the deployment
 * for scale-out; on SQLite, processes sharing one file behave the same.
 */
describe("several instances on one store", () => {
  let a: TestServer;
  let b: TestServer;
  beforeAll(async () => {
    a = await startTestServer({ SCHEDULER: "off", FETCH_ALLOW_HOSTS: "127.0.0.1" });
    b = await startTestServer({ SCHEDULER: "off", FETCH_ALLOW_HOSTS: "127.0.0.1", DATABASE_URL: a.databaseUrl });
  });
  afterAll(async () => {
    await b.stop();
    await a.stop();
  });

  const post = async (server: TestServer, query: string) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query }),
    });
    return { cache: response.headers.get("x-cache"), body: (await response.json()) as { data?: any } };
  };

  it("serves a write through instance A from instance B's response cache at once (on PostgreSQL, once notified)", async () => {
    const editor = await createKey(a.db, Role.EDITOR);
    const [row] = await select<{ id: number }>(a.db, "SELECT id FROM articles ORDER BY sort_at DESC, id DESC LIMIT 1");
    const id = articleId(Number(row.id));
    const read = `{ node(id: "${id}") { ... on Article { title tags { slug } } } }`;
    const before = (await post(b, read)).body;
    // Stored the second time it is answered; after each write below, at the first answer.
    await post(b, read);
    for (let round = 1; round <= 10; round++) {
      expect((await post(b, read)).cache).toBe("HIT");
      const title = `Edited on A, round ${round}`;
      const written = await gqlAs(a, editor, `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { title } } }`, {
        input: { id, title },
      });
      expect(written).toEqual({ status: 200, body: { data: { updateArticle: { article: { title } } } } });
      // SQLite instances read the change number from the file on every request; PostgreSQL
      // instances hear of it by notification, so B may answer from its cache until that arrives.
      let after = await post(b, read);
      const deadline = Date.now() + 5_000;
      while (onPostgres && after.cache === "HIT" && after.body.data?.node?.title !== title && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        after = await post(b, read);
      }
      expect(after).toEqual({ cache: "MISS", body: { data: { node: { ...before.data.node, title } } } });
    }
  });

  itOnPostgres("serves nothing from its cache while change notifications are lost, and caches again once reconnected", async () => {
    const read = '{ tag(slug: "familie") { name } }';
    await post(b, read);
    await post(b, read);
    expect((await post(b, read)).cache).toBe("HIT");
    const [{ db: name }] = await select<{ db: string }>(b.db, "SELECT current_database() AS db");
    // Cut every instance's listening connection, then write where no instance sees it.
    await withAdmin((admin) =>
      admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND application_name = 'newsgate-changes'", [name]),
    );
    const other = new Client({ connectionString: a.databaseUrl });
    await other.connect();
    await other.query("UPDATE tags SET name = 'Familie (lost)' WHERE slug = 'familie'");
    await other.end();
    const during = await post(b, read);
    expect(during).toEqual({ cache: null, body: { data: { tag: { name: "Familie (lost)" } } } });
    // Reconnected (after half a second), the instance reads the change number again and caches.
    let again = await post(b, read);
    for (let i = 0; i < 100 && again.cache !== "HIT"; i++) {
      await new Promise((r) => setTimeout(r, 50));
      again = await post(b, read);
    }
    expect(again).toEqual({ cache: "HIT", body: { data: { tag: { name: "Familie (lost)" } } } });
  });

  it("fetches each source once per interval while both instances run the scheduler, and stores each item once", async () => {
    const feeds: FeedServer = await startFeedServer();
    const paths = ["/one.xml", "/two.xml", "/three.xml", "/four.xml", "/five.xml"];
    paths.forEach((path, n) =>
      // A slow answer keeps fetches in flight while the other instance looks at the schedule.
      feeds.route(path, (_req, res) =>
        setTimeout(() => res.writeHead(200, { "content-type": "application/rss+xml" }).end(feed(path, n)), 150),
      ),
    );
    const log = pino({ level: "silent" });
    const config = loadConfig({ FETCH_ALLOW_HOSTS: "127.0.0.1", FETCH_CONCURRENCY: "2", LOG_LEVEL: "silent" });
    try {
      for (const path of paths) await addFeedSource(a.db, { url: `${feeds.url}${path}`, intervalSeconds: 3600 });
      // What an instance that read the schedule just now and fell behind would go on to fetch.
      const readBefore = await findDueSources(b.db, new Date());
      expect(readBefore.length).toBe(paths.length);
      const schedulers = [a, b, a, b].map((server) => startScheduler(server.db, config, log, { pollMs: 20, idlePollMs: 20 }));
      const fetched = () => select<{ n: number }>(a.db, "SELECT COUNT(*) AS n FROM sources WHERE last_fetched_at IS NOT NULL AND url LIKE ?", [`${feeds.url}%`]);
      for (let i = 0; i < 500 && Number((await fetched())[0].n) < paths.length; i++) await new Promise((r) => setTimeout(r, 20));
      // Both go on looking at the schedule a while longer: nothing is due again within the hour.
      await new Promise((r) => setTimeout(r, 1000));
      await Promise.all(schedulers.map((s) => s.stop()));

      // The instance that fell behind fetches none of them: each was fetched since it looked.
      expect(await ingestSources(b.db, readBefore, { concurrency: 2, onlyDue: true, allowHosts: ["127.0.0.1"] })).toEqual([]);
      const requests = paths.map((path) => feeds.requests.filter((r) => r.path === path).length);
      expect(requests).toEqual(paths.map(() => 1));
      const stored = await select<{ guid: string; n: number }>(
        a.db,
        "SELECT a.guid, COUNT(*) AS n FROM articles a JOIN sources s ON s.id = a.source_id WHERE s.url LIKE ? GROUP BY a.guid ORDER BY a.guid",
        [`${feeds.url}%`],
      );
      expect(stored.map((row) => [row.guid, Number(row.n)])).toEqual(
        paths.flatMap((path) => [0, 1, 2].map((i) => [`${path}#${i}`, 1])).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
      );
      const titles = await post(b, `{ search(query: "instanzen", first: 20) { totalCount } }`);
      expect(titles.body).toEqual({ data: { search: { totalCount: paths.length * 3 } } });
    } finally {
      await feeds.close();
    }
  });

  itOnPostgres("migrates a new PostgreSQL database once when instances start together (advisory lock), and seeds it once", async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const servers = await Promise.all([1, 2, 3].map(() => startTestServer({ SCHEDULER: "off", DATABASE_URL: fresh.url })));
      try {
        const migrations = await select<{ name: string }>(servers[0].db, "SELECT name FROM migrations ORDER BY id");
        expect(migrations.map((m) => m.name)).toEqual(allMigrations.map((migration) => migration.name));
        const counts = await select<{ sources: number; articles: number }>(
          servers[1].db,
          "SELECT (SELECT COUNT(*) FROM sources) AS sources, (SELECT COUNT(*) FROM articles) AS articles",
        );
        expect(counts.map((row) => ({ sources: Number(row.sources), articles: Number(row.articles) }))).toEqual([{ sources: 1, articles: 16 }]);
        for (const server of servers) {
          expect(await server.gql("{ articles(first: 1) { totalCount } }")).toEqual({ data: { articles: { totalCount: 16 } } });
        }
      } finally {
        await Promise.all(servers.map((server) => server.stop()));
      }
    } finally {
      await fresh.drop();
    }
  });
});

/** A feed of three items whose guids name the feed. */
function feed(path: string, n: number): string {
  const items = [0, 1, 2].map(
    (i) =>
      `<item><title>Instanzen ${n} Meldung ${i}</title><link>https://instances.example.org${path}/${i}</link><guid>${path}#${i}</guid>` +
      `<pubDate>${new Date(Date.UTC(2025, 5, 1, n, i)).toUTCString()}</pubDate><description>Text ${n} ${i}</description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Feed ${n}</title><link>https://instances.example.org/</link>${items.join("")}</channel></rss>`;
}
