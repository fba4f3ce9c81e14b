import { CHANGE_NUMBER_STATEMENTS, onPostgres } from "../helpers/database";
import { sqliteDriver } from "../../src/db/sqlite-driver";
import { Client } from "pg";
import { loadSeeds } from "../../seeds";
import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const Database = sqliteDriver();

const FRONT_PAGE = "query ($first: Int!) { articles(first: $first) { totalCount nodes { title tags { slug } source { name } related { title } } } }";

/** Runs a write on a connection of its own, as another process on the same store would. */
async function writeAsAnotherProcess(databaseUrl: string, sql: string): Promise<void> {
  if (!onPostgres) {
    const other = new Database(databaseUrl.slice("sqlite:".length));
    other.prepare(sql).run();
    other.close();
    return;
  }
  const other = new Client({ connectionString: databaseUrl });
  await other.connect();
  await other.query(sql);
  await other.end();
}

describe("response cache", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off", RATE_LIMIT_POINTS: "1000000", RATE_LIMIT_EXTENSIONS: "on" });
  });
  afterAll(() => server.stop());

  const post = async (query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: any; extensions?: { rateLimit?: { used: number } } };
    return { cache: response.headers.get("x-cache"), used: Number(response.headers.get("x-ratelimit-used")), data: body.data, body };
  };

  it("stores an answer the second time it is asked, then answers it with one statement at most, until the store changes", async () => {
    const miss = await post(FRONT_PAGE, { first: 5 });
    expect(miss.cache).toBe("MISS");
    expect((await post(FRONT_PAGE, { first: 5 })).cache).toBe("MISS");
    let hit: Awaited<ReturnType<typeof post>> | undefined;
    const statements = await server.countStatements(async () => {
      hit = await post(FRONT_PAGE, { first: 5 });
    });
    expect(hit?.cache).toBe("HIT");
    expect(hit?.data).toEqual(miss.data);
    expect(statements).toBe(CHANGE_NUMBER_STATEMENTS); // the store's change number (notified on PostgreSQL)

    // Seeding again changes nothing: the entry stays.
    await loadSeeds(server.db);
    expect((await post(FRONT_PAGE, { first: 5 })).cache).toBe("HIT");

    // A new article changes the front page: the next answer is computed again and shows it.
    await addArticles(server.db, [{ guid: "fresh", title: "Fresh news", publishedAt: new Date("2030-01-01T00:00:00Z") }]);
    const after = await post(FRONT_PAGE, { first: 5 });
    expect(after.cache).toBe("MISS");
    expect(after.data.articles.nodes[0].title).toBe("Fresh news");
    expect(after.data.articles.totalCount).toBe(miss.data.articles.totalCount + 1);
    // A request answered from the cache before is stored again at its first miss.
    const again = await post(FRONT_PAGE, { first: 5 });
    expect([again.cache, again.data]).toEqual(["HIT", after.data]);
  });

  it("never stores an answer asked once, so requests asked once do not push out the ones asked again", async () => {
    await post(FRONT_PAGE, { first: 7 });
    await post(FRONT_PAGE, { first: 7 });
    const asked = await Promise.all(Array.from({ length: 40 }, (_, i) => post(FRONT_PAGE, { first: 7, unused: `once-${i}` })));
    expect(asked.map((answer) => answer.cache)).toEqual(asked.map(() => "MISS"));
    expect((await post(FRONT_PAGE, { first: 7 })).cache).toBe("HIT");
    expect((await post(FRONT_PAGE, { first: 7, unused: "once-3" })).cache).toBe("MISS");
    expect((await post(FRONT_PAGE, { first: 7, unused: "once-3" })).cache).toBe("HIT");
  });

  it("sees writes by another process on the same store", async () => {
    expect((await post(FRONT_PAGE, { first: 3 })).cache).toBe("MISS");
    expect((await post(FRONT_PAGE, { first: 3 })).cache).toBe("MISS");
    expect((await post(FRONT_PAGE, { first: 3 })).cache).toBe("HIT");
    await writeAsAnotherProcess(server.databaseUrl, "UPDATE tags SET name = 'Familien' WHERE slug = 'familie'");
    const after = await post("{ tag(slug: \"familie\") { name } }");
    expect(after.data).toEqual({ tag: { name: "Familien" } });
    expect((await post(FRONT_PAGE, { first: 3 })).cache).toBe("MISS");
  });

  it("keys by variables, and never serves callers with a key, mutations or uncacheable fields from it", async () => {
    await post(FRONT_PAGE, { first: 2 });
    expect((await post(FRONT_PAGE, { first: 4 })).cache).toBe("MISS");
    expect((await post(FRONT_PAGE, { first: 2 }, { authorization: "Bearer someone" })).cache).toBeNull();
    await post("{ sources { name lastFetchedAt } }");
    expect((await post("{ sources { name lastFetchedAt } }")).cache).toBeNull();
  });

  it("charges a hit what the query costs, and reports the caller's own budget", async () => {
    const identity = { "accept-encoding": "identity" };
    const first = await post(FRONT_PAGE, { first: 6 }, identity);
    const second = await post(FRONT_PAGE, { first: 6 }, identity);
    const third = await post(FRONT_PAGE, { first: 6 }, identity);
    const fourth = await post(FRONT_PAGE, { first: 6 }, identity);
    expect([first.cache, second.cache, third.cache, fourth.cache]).toEqual(["MISS", "MISS", "HIT", "HIT"]);
    expect(third.used - second.used).toBe(second.used - first.used);
    expect(fourth.used - third.used).toBe(second.used - first.used);
    expect(third.body.extensions?.rateLimit?.used).toBe(third.used);
  });
});

describe("compression", () => {
  it("compresses answers for clients that accept it, hits from bytes compressed once", async () => {
    const server = await startTestServer({ SCHEDULER: "off" });
    try {
      const send = (encoding: string) =>
        fetch(`${server.url}/graphql`, {
          method: "POST",
          headers: { "content-type": "application/json", "accept-encoding": encoding },
          body: JSON.stringify({ query: FRONT_PAGE, variables: { first: 16 } }),
        });
      await send("identity");
      const plain = await send("identity");
      const expected = await plain.json();
      for (const encoding of ["br", "gzip", "br"]) {
        const response = await send(encoding);
        expect([response.headers.get("content-encoding"), response.headers.get("x-cache")]).toEqual([encoding, "HIT"]);
        expect(await response.json()).toEqual({ data: (expected as { data: unknown }).data });
      }
      const small = await fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "accept-encoding": "br" },
        body: JSON.stringify({ query: "{ tag(slug: \"familie\") { name } }" }),
      });
      expect(small.headers.get("content-encoding")).toBeNull();
    } finally {
      await server.stop();
    }
  });
});

describe("response cache and sources", () => {
  it("shows a source added after its list was cached", async () => {
    const server = await startTestServer({ SCHEDULER: "off" });
    try {
      const list = async () => {
        const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: "{ sources { name } }" }) });
        return { cache: response.headers.get("x-cache"), body: await response.json() };
      };
      await list();
      await list();
      expect((await list()).cache).toBe("HIT");
      await addArticles(server.db, [], "Another feed");
      expect(await list()).toEqual({
        cache: "MISS",
        body: { data: { sources: [{ name: "Another feed" }, { name: "Stadt Dortmund – Newsroom" }] } },
      });
    } finally {
      await server.stop();
    }
  });
});
