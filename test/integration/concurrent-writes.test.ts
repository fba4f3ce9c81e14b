import { select } from "../../src/store/sql";
import { SourceKind } from "../../src/entities";
import { ensureSource, upsertArticles, type ArticleDraft } from "../../src/store";
import { generatedDrafts } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const count = async (server: TestServer, sql: string, parameters: unknown[] = []) =>
  Number((await select(server.db, sql, parameters))[0].n);

describe("concurrent writes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("runs 50 concurrent upserts one after another without errors or lost writes", async () => {
    const source = await ensureSource(server.db, { name: "Concurrent feed", url: "https://example.org/concurrent.xml", kind: SourceKind.RSS });
    const articlesBefore = await count(server, "SELECT COUNT(*) AS n FROM articles");

    // 40 writers with three articles each of their own, sharing tag names (so tags are
    // created concurrently), and 10 writers all rewriting the same article.
    const distinct = Array.from({ length: 40 }, (_, i) => generatedDrafts(3, `writer-${i}`));
    const same = Array.from({ length: 10 }, (_, i): ArticleDraft[] => [
      { guid: "shared", title: `Shared article, version ${i}`, url: "https://example.org/shared", tags: ["Shared", `Version ${i}`] },
    ]);
    const writers = [...distinct, ...same].map((drafts) => upsertArticles(server.db, source.id, drafts));
    // Reads through the API while the writes are queued.
    const reads = Array.from({ length: 5 }, () => server.gql("{ articles(first: 5) { totalCount nodes { title tags { slug } } } }"));

    const outcomes = await Promise.allSettled(writers);
    expect(outcomes.filter((o) => o.status === "rejected")).toEqual([]);
    for (const read of await Promise.all(reads)) expect(read.errors).toBeUndefined();

    expect(await count(server, "SELECT COUNT(*) AS n FROM articles")).toBe(articlesBefore + 40 * 3 + 1);
    expect(await count(server, "SELECT COUNT(*) AS n FROM articles WHERE source_id = ?", [source.id])).toBe(121);
    expect(await count(server, "SELECT COUNT(*) AS n FROM articles WHERE guid = ?", ["shared"])).toBe(1);
    const created = outcomes.map((o) => (o.status === "fulfilled" ? o.value.created : 0));
    expect(created.reduce((a, b) => a + b, 0)).toBe(121);

    // Every writer's tags, images and links arrived: two tags, one image and one link per article.
    const { data } = await server.gql(`{ articles(first: 100, filter: { tags: ["alpha", "beta", "gamma", "delta", "epsilon"] }) { totalCount } }`);
    expect(data.articles.totalCount).toBe(120);
    expect(await count(server, "SELECT COUNT(*) AS n FROM images i JOIN articles a ON a.id = i.article_id WHERE a.source_id = ?", [source.id])).toBe(120);
  });

  it("keeps the queue going when a writer fails, and the failure leaves nothing behind", async () => {
    const source = await ensureSource(server.db, { name: "Failing feed", url: "https://example.org/failing.xml", kind: SourceKind.RSS });
    // Drafts are written from the last up, so the broken one fails after two were inserted.
    const broken = [{ guid: "broken", title: null }] as unknown as ArticleDraft[];
    const outcomes = await Promise.allSettled([
      upsertArticles(server.db, source.id, generatedDrafts(2, "before-failure")),
      upsertArticles(server.db, source.id, [...broken, ...generatedDrafts(2, "in-failing-batch")]),
      upsertArticles(server.db, source.id, generatedDrafts(2, "after-failure")),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(await count(server, "SELECT COUNT(*) AS n FROM articles WHERE source_id = ?", [source.id])).toBe(4);
    expect(await count(server, "SELECT COUNT(*) AS n FROM articles WHERE guid LIKE 'in-failing-batch-%'")).toBe(0);
  });
});
