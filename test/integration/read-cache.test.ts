import { Role } from "../../src/auth/roles";
import { CHANGE_NUMBER_STATEMENTS } from "../helpers/database";
import { addArticles } from "../helpers/articles";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

/** Every relation a page can ask for, and the related articles' own. */
const FRONT_PAGE = `query ($first: Int!) {
  articles(first: $first) {
    totalCount
    nodes {
      id title publishedAt body
      source { name articleCount }
      tags { name slug articleCount }
      images { url alt }
      links { url label }
      related(first: 3) { title tags { slug } images { url } }
    }
  }
}`;

/** A query the response cache cannot answer (every call brings a new, unused variable), and the statements it sent. */
let call = 0;
async function uncached(server: TestServer, query: string, variables: Record<string, unknown>) {
  let body: Awaited<ReturnType<TestServer["gql"]>> | undefined;
  const statements = await server.countStatements(async () => {
    body = await server.gql(query, { ...variables, call: call++ });
  });
  return { statements, body };
}

const TAGS = "mutation ($input: ArticleTagsInput!) { addTags(input: $input) { article { title tags { slug articleCount } } } }";

describe("read cache", () => {
  let server: TestServer;
  let editor: string;
  let ids: number[];
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    editor = await createKey(server.db, Role.EDITOR);
    ids = await addArticles(server.db, [
      { guid: "rc-1", title: "Bridge reopens", publishedAt: new Date("2031-01-02T08:00:00Z"), tags: ["Verkehr", "Brücke"], images: [{ url: "https://example.org/bridge.jpg", alt: "The bridge" }] },
      { guid: "rc-2", title: "Bridge works begin", publishedAt: new Date("2031-01-01T08:00:00Z"), tags: ["Verkehr", "Brücke"] },
    ]);
  });
  afterAll(() => server.stop());

  const frontPage = (first: number) => uncached(server, FRONT_PAGE, { first });

  it("answers what a query read from memory until the store changes; another page reads only its keys", async () => {
    const cold = await frontPage(10);
    expect(cold.body?.errors).toBeUndefined();
    expect(cold.statements).toBeGreaterThan(8);
    const warm = await frontPage(10);
    expect(warm).toEqual({ statements: CHANGE_NUMBER_STATEMENTS, body: cold.body });

    // A smaller page shares everything but its keys.
    const smaller = await frontPage(4);
    expect(smaller.statements).toBe(1 + CHANGE_NUMBER_STATEMENTS);
    expect(smaller.body?.data.articles.nodes).toEqual(cold.body?.data.articles.nodes.slice(0, 4));
  });

  it("reads everything again after any write, and shows the write", async () => {
    await frontPage(10);
    await addArticles(server.db, [{ guid: "rc-3", title: "Ferry timetable", publishedAt: new Date("2031-01-03T08:00:00Z"), tags: ["Verkehr"] }]);
    const after = await frontPage(10);
    expect(after.statements).toBeGreaterThan(8);
    const nodes = after.body?.data.articles.nodes;
    expect(nodes[0].title).toBe("Ferry timetable");
    expect(nodes[1].tags).toEqual([
      { name: "Verkehr", slug: "verkehr", articleCount: 3 },
      { name: "Brücke", slug: "bruecke", articleCount: 2 },
    ]);
  });

  it("gives mutations what they wrote, and the next query sees it", async () => {
    expect((await frontPage(10)).statements).toBe(CHANGE_NUMBER_STATEMENTS);
    const tagged = await gqlAs(server, editor, TAGS, { input: { id: articleId(ids[1]), tags: ["Baustelle"] } });
    expect(tagged).toEqual({
      status: 200,
      body: {
        data: {
          addTags: {
            article: {
              title: "Bridge works begin",
              tags: [
                { slug: "verkehr", articleCount: 3 },
                { slug: "bruecke", articleCount: 2 },
                { slug: "baustelle", articleCount: 1 },
              ],
            },
          },
        },
      },
    });
    const after = await frontPage(10);
    const works = after.body?.data.articles.nodes.find((node: { title: string }) => node.title === "Bridge works begin");
    expect(works.tags.map((tag: { slug: string }) => tag.slug)).toEqual(["verkehr", "bruecke", "baustelle"]);
  });
});

describe("read cache, searches", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    await addArticles(server.db, [
      { guid: "rs-1", title: "Ferry to the island", teaser: "The ferry sails again.", publishedAt: new Date("2031-02-01T08:00:00Z"), tags: ["Verkehr"] },
      { guid: "rs-2", title: "Ferry prices", teaser: "Ferry tickets cost more.", publishedAt: new Date("2031-02-02T08:00:00Z"), tags: ["Verkehr"] },
    ]);
  });
  afterAll(() => server.stop());

  const SEARCH = `query ($q: String!) { search(query: $q, first: 5) { totalCount edges { score node { title tags { slug } } } } }`;
  const search = (q: string) => uncached(server, SEARCH, { q });

  it("scores a search once per change number: asked again, it reads nothing but the change number", async () => {
    const first = await search("ferry");
    expect(first.body?.data.search.edges.map((edge: { node: { title: string } }) => edge.node.title).sort()).toEqual(["Ferry prices", "Ferry to the island"]);
    expect(await search("ferry")).toEqual({ statements: CHANGE_NUMBER_STATEMENTS, body: first.body });
    // Another search is scored anew.
    expect((await search("island")).statements).toBeGreaterThan(CHANGE_NUMBER_STATEMENTS);
  });

  it("scores it again after a write, and shows the write", async () => {
    await search("ferry");
    await addArticles(server.db, [{ guid: "rs-3", title: "Ferry timetable", publishedAt: new Date("2031-02-03T08:00:00Z"), tags: ["Verkehr"] }]);
    const after = await search("ferry");
    expect(after.statements).toBeGreaterThan(CHANGE_NUMBER_STATEMENTS);
    expect(after.body?.data.search.totalCount).toBe(3);
    expect(after.body?.data.search.edges.map((edge: { node: { title: string } }) => edge.node.title)).toContain("Ferry timetable");
  });
});

describe("read cache, bounded and off", () => {
  it.each([
    ["off", "0"],
    ["with room for three values", "3"],
  ])("answers the same %s, reading again what it does not keep", async (_name, entries) => {
    const server = await startTestServer({ SCHEDULER: "off", READ_CACHE_ENTRIES: entries });
    const unbounded = await startTestServer({ SCHEDULER: "off" });
    try {
      const first = await server.gql(FRONT_PAGE, { first: 20, call: 1 });
      let again: unknown;
      const statements = await server.countStatements(async () => {
        again = await server.gql(FRONT_PAGE, { first: 20, call: 2 });
      });
      expect(again).toEqual(first);
      expect(await unbounded.gql(FRONT_PAGE, { first: 20 })).toEqual(first);
      expect(statements).toBeGreaterThan(5);
    } finally {
      await server.stop();
      await unbounded.stop();
    }
  });
});
