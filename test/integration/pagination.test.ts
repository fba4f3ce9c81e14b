import { select } from "../../src/store/sql";
import { addArticles, generatedDrafts } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const PAGE = `query ($first: Int, $after: String, $last: Int, $before: String) {
  articles(first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Edge = { cursor: string; node: { slug: string } };

describe("articles pagination", () => {
  let server: TestServer;
  let all: string[];
  beforeAll(async () => {
    server = await startTestServer();
    all = (await server.gql("{ articles(first: 100) { nodes { slug } } }")).data.articles.nodes.map((n: { slug: string }) => n.slug);
  });
  afterAll(() => server.stop());

  it("walks forward with first: 3 and visits every article once, in order, with exact pageInfo", async () => {
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; ; page++) {
      const { data } = await server.gql(PAGE, { first: 3, after });
      const { edges, pageInfo } = data.articles;
      seen.push(...edges.map((e: Edge) => e.node.slug));
      expect(pageInfo).toEqual({
        hasNextPage: seen.length < all.length,
        hasPreviousPage: page > 0,
        startCursor: edges[0].cursor,
        endCursor: edges[edges.length - 1].cursor,
      });
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it("walks backward with last: 3 and visits every article once, in order, with exact pageInfo", async () => {
    const seen: string[] = [];
    let before: string | null = null;
    for (let page = 0; ; page++) {
      const { data } = await server.gql(PAGE, { last: 3, before });
      const { edges, pageInfo } = data.articles;
      seen.unshift(...edges.map((e: Edge) => e.node.slug));
      expect(pageInfo).toEqual({
        hasNextPage: page > 0,
        hasPreviousPage: seen.length < all.length,
        startCursor: edges[0].cursor,
        endCursor: edges[edges.length - 1].cursor,
      });
      if (!pageInfo.hasPreviousPage) break;
      before = pageInfo.startCursor;
    }
    expect(seen).toEqual(all);
  });

  it("defaults to 20 and answers an empty page past the end", async () => {
    const first = await server.gql(PAGE, {});
    expect(first.data.articles.edges).toHaveLength(16);
    const last = first.data.articles.pageInfo.endCursor;
    expect(await server.gql(PAGE, { after: last })).toEqual({
      data: {
        articles: {
          totalCount: 16,
          edges: [],
          pageInfo: { hasNextPage: false, hasPreviousPage: true, startCursor: null, endCursor: null },
        },
      },
    });
  });

  it("keeps pages stable while new articles arrive and old ones go", async () => {
    const one = (await server.gql(PAGE, { first: 4 })).data.articles;
    // Newer articles arrive at the top of the list…
    await addArticles(server.db, generatedDrafts(3, "arrival", Date.UTC(2030, 0, 1)));
    const two = (await server.gql(PAGE, { first: 4, after: one.pageInfo.endCursor })).data.articles;
    expect(two.edges.map((e: Edge) => e.node.slug)).toEqual(all.slice(4, 8));
    // …and the article a cursor points at may go away: the cursor still works.
    await select(server.db, "DELETE FROM articles WHERE slug = ?", [all[7]]);
    const three = (await server.gql(PAGE, { first: 4, after: two.pageInfo.endCursor })).data.articles;
    expect(three.edges.map((e: Edge) => e.node.slug)).toEqual(all.slice(8, 12));
    expect(three.totalCount).toBe(16 + 3 - 1);
  });
});

describe("pagination errors", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  const badInput = (message: string, path: string[]) => ({
    data: null,
    errors: [{ message, path, locations: expect.any(Array), extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }],
  });

  it.each([
    [{ first: 101 }, "first: 101 is out of range; ask for 1 to 100 items per page."],
    [{ first: 0 }, "first: 0 is out of range; ask for 1 to 100 items per page."],
    [{ last: -1 }, "last: -1 is out of range; ask for 1 to 100 items per page."],
    [{ first: 2, before: "YTE6MDox" }, "Page forward with first/after or backward with last/before, not both in one request."],
  ])("refuses %j", async (variables, message) => {
    expect(await server.gql(PAGE, variables)).toEqual(badInput(message, ["articles"]));
  });

  it.each(["not-a-cursor!", "YWJj", Buffer.from("t1:integration").toString("base64url"), Buffer.from("a1:x:1").toString("base64url")])(
    "refuses the malformed cursor %s",
    async (cursor) => {
      const result = await server.gql(PAGE, { after: cursor });
      expect(result).toEqual(
        badInput(
          `after: "${cursor}" is not a cursor of this list; pass a cursor (pageInfo.endCursor, pageInfo.startCursor or an edge's cursor) from the same list.`,
          ["articles"],
        ),
      );
    },
  );

  it("refuses a tag cursor on the article list and an article cursor on the tag list", async () => {
    const articleCursor = (await server.gql(PAGE, { first: 1 })).data.articles.pageInfo.endCursor;
    const result = await server.gql("query ($after: String) { tags(after: $after) { totalCount } }", { after: articleCursor });
    expect(result.errors?.[0].extensions?.code).toBe("BAD_USER_INPUT");
  });
});
