import { select } from "../../src/store/sql";
import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const CHANGES = `query ($since: String, $first: Int) {
  changes(since: $since, first: $first) { articles { id title } deletedIds nextSince hasMore }
}`;

type Feed = { articles: { id: string; title: string }[]; deletedIds: string[]; nextSince: string; hasMore: boolean };

describe("incremental sync", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
  });
  afterAll(() => server.stop());

  /** Applies every page from `since` to a local copy, as a mobile app would. */
  const sync = async (local: Map<string, string>, since: string | null, first = 4) => {
    for (;;) {
      const { data, errors } = await server.gql(CHANGES, { since, first });
      expect(errors).toBeUndefined();
      const feed: Feed = data.changes;
      for (const article of feed.articles) local.set(article.id, article.title);
      for (const id of feed.deletedIds) local.delete(id);
      since = feed.nextSince;
      if (!feed.hasMore) return since as string;
    }
  };
  const serverState = async () => {
    const { data } = await server.gql("{ articles(first: 100) { nodes { id title } } }");
    return new Map<string, string>(data.articles.nodes.map((n: { id: string; title: string }) => [n.id, n.title]));
  };

  it("reproduces the full set from null, then delivers only what changed, deletions as tombstones", async () => {
    const local = new Map<string, string>();
    let since = await sync(local, null);
    expect(local).toEqual(await serverState());
    expect(local.size).toBe(16);

    // A finished sync returns nothing until something changes.
    expect((await server.gql(CHANGES, { since })).data.changes).toEqual({ articles: [], deletedIds: [], nextSince: since, hasMore: false });

    await addArticles(server.db, [{ guid: "n1", title: "New one" }, { guid: "n2", title: "New two" }]);
    await addArticles(server.db, [{ guid: "n1", title: "New one, corrected" }, { guid: "n2", title: "New two" }]);
    // One of the main article's related news goes: it leaves a tombstone, and the main
    // article, whose related news changed, comes again.
    const victim = [...local.keys()][3];
    await select(server.db, "DELETE FROM articles WHERE id = ?", [Buffer.from(victim, "base64url").toString().split(":")[1]]);

    const { data } = await server.gql(CHANGES, { since });
    expect(data.changes).toEqual({
      articles: [
        { id: expect.any(String), title: "New two" },
        { id: expect.any(String), title: "New one, corrected" },
        { id: expect.any(String), title: 'Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei' },
      ],
      deletedIds: [victim],
      nextSince: expect.any(String),
      hasMore: false,
    });
    since = await sync(local, since);
    expect(local).toEqual(await serverState());
  });

  it("refuses a token it did not make and first out of range", async () => {
    for (const [variables, message] of [
      [{ since: "bogus" }, 'since: "bogus" is not a sync token; pass nextSince from the last call, or null to start over.'],
      [{ first: 0 }, "first: 0 is out of range; ask for 1 to 500 changes per call."],
    ] as const) {
      const { errors } = await server.gql(CHANGES, variables);
      expect(errors?.[0]).toEqual(expect.objectContaining({ message, extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }));
    }
  });
});
