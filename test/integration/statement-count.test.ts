import { CHANGE_NUMBER_STATEMENTS, onPostgres } from "../helpers/database";
import { addArticles, generatedDrafts } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

/** The front page: every relation a page can ask for, and the related articles' own. */
const FRONT_PAGE = `query ($first: Int!) {
  articles(first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug title publishedAt
      source { name articleCount }
      tags { name slug }
      images { url alt credit }
      links { url label }
      related(first: 5) { id title tags { slug } images { url } source { name } }
    }
  }
}`;

describe("SQL statements per request", () => {
  let server: TestServer;
  beforeAll(async () => {
    // Every request reads everything it shows: what is counted here is batching, not the read cache.
    server = await startTestServer({ READ_CACHE_ENTRIES: "0" });
  });
  afterAll(() => server.stop());

  const statementsFor = async (first: number, query = FRONT_PAGE) => {
    let articles = 0;
    const count = await server.countStatements(async () => {
      const result = await server.gql(query, { first });
      expect(result.errors).toBeUndefined();
      articles = result.data.articles.nodes.length;
    });
    return { count, articles };
  };

  it("is the same for first: 5 and first: 16 of the seed data", async () => {
    const five = await statementsFor(5);
    const sixteen = await statementsFor(16);
    expect(five.articles).toBe(5);
    expect(sixteen.articles).toBe(16);
    expect(sixteen.count).toBe(five.count);
    // the response cache's change number, page, totalCount, source, source.articleCount, tags, images, links, related
    expect(five.count).toBe(8 + CHANGE_NUMBER_STATEMENTS);
  });

  it("does not grow with the page size up to 100, with tags, images, links and related fill-up by shared tags", async () => {
    await addArticles(server.db, generatedDrafts(150, "load"));
    const withTagCounts = FRONT_PAGE.replace("tags { name slug }", "tags { name slug articleCount }");
    const counts = [];
    for (const first of [5, 20, 50, 100]) {
      const { count, articles } = await statementsFor(first, withTagCounts);
      expect(articles).toBe(first);
      counts.push(count);
    }
    // On PostgreSQL the driver answers over the network, so the first level's loaders may
    // send their batch before the related articles arrive: the related articles' own tags and
    // images then take one statement each (when they are not on the page already). Never more
    // with a bigger page.
    const base = 9 + CHANGE_NUMBER_STATEMENTS;
    expect(counts).toEqual(counts.map((count) => (onPostgres ? Math.min(Math.max(count, base), base + 2) : base)));
  });

  it("batches a list of tags with their articles", async () => {
    const query = `{ tags(first: 100) { nodes { slug articleCount articles(first: 3) { totalCount nodes { slug tags { slug } } } } } }`;
    const count = await server.countStatements(async () => expect((await server.gql(query)).errors).toBeUndefined());
    expect(count).toBeLessThanOrEqual(5);
  });
});
