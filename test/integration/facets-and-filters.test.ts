import { CHANGE_NUMBER_STATEMENTS } from "../helpers/database";
import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

describe("combined filters and facets", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    // Around the change to winter time in Europe/Berlin (2024-10-27 03:00 → 02:00).
    await addArticles(server.db, [
      { guid: "1", title: "Late Saturday", publishedAt: new Date("2024-10-26T21:30:00Z"), category: "Politik", language: "de", tags: ["Energie", "Stadt"] },
      { guid: "2", title: "Sunday night", publishedAt: new Date("2024-10-27T22:30:00Z"), category: "Politik", language: "de", tags: ["Energie"] },
      { guid: "3", title: "Monday", publishedAt: new Date("2024-10-28T10:00:00Z"), category: "Sport", language: "en", tags: ["Stadt"] },
      { guid: "4", title: "November", publishedAt: new Date("2024-11-04T10:00:00Z"), category: "Sport", language: "en", tags: ["Sport"] },
      { guid: "5", title: "Undated", category: "Politik", language: "de", tags: ["Energie", "Sport"] },
    ], "Facet feed");
  });
  afterAll(() => server.stop());

  const titles = async (filter: Record<string, unknown>) => {
    const { data, errors } = await server.gql("query ($f: ArticleFilter) { articles(first: 100, filter: $f) { totalCount nodes { title } } }", { f: filter });
    expect(errors).toBeUndefined();
    return data.articles.nodes.map((n: { title: string }) => n.title);
  };

  it.each([
    [{ or: [{ category: "Sport" }, { tags: ["energie"] }] }, ["Monday", "Sunday night", "Late Saturday", "November", "Undated"].sort()],
    [{ and: [{ tags: ["energie"] }, { tags: ["stadt"] }] }, ["Late Saturday"]],
    [{ tags: ["energie"], not: { category: "Politik" } }, []],
    [{ tags: ["stadt", "sport"], excludeTags: ["energie"] }, ["Monday", "November"]],
    [{ language: "en", not: { tags: ["sport"] } }, ["Monday"]],
    [{ or: [{ and: [{ category: "Politik" }, { not: { tags: ["stadt"] } }] }, { tags: ["sport"], language: "en" }], sourceIds: [] }, ["November", "Sunday night", "Undated"]],
  ])("%j", async (filter, expected) => {
    expect((await titles(filter)).sort()).toEqual([...expected].sort());
  });

  it("keeps articles without a category in not: { category }", async () => {
    expect(await titles({ not: { category: "Politik" }, tags: ["energie", "sport", "stadt"] })).toEqual(["November", "Monday"]);
  });

  it("refuses filters nested too deep", async () => {
    let filter: Record<string, unknown> = { category: "x" };
    for (let i = 0; i < 7; i++) filter = { not: filter };
    const { errors } = await server.gql("query ($f: ArticleFilter) { articles(filter: $f) { totalCount } }", { f: filter });
    expect(errors?.[0]).toEqual(expect.objectContaining({ message: "filter.not.not.not.not.not.not: and/or/not nest 6 deep; nest at most 5 levels.", extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }));
  });

  it("counts by tag, source, category, language and day in the filtered set, agreeing with totalCount, in a handful of statements", async () => {
    const query = `query ($f: ArticleFilter) {
      articles(filter: $f) { totalCount }
      facets(filter: $f) {
        tags { tag { slug } count }
        sources { source { name } count }
        categories { value count }
        languages { value count }
        days: published(interval: DAY) { key start count }
        weeks: published(interval: WEEK) { key count }
        months: published(interval: MONTH, timeZone: "UTC") { key start count }
      }
    }`;
    const filter = { sourceIds: [(await server.gql("{ sources { id name } }")).data.sources.find((s: { name: string }) => s.name === "Facet feed").id] };
    let result: any;
    const statements = await server.countStatements(async () => {
      result = await server.gql(query, { f: filter });
    });
    expect(result).toEqual({
      data: {
        articles: { totalCount: 5 },
        facets: {
          tags: [
            { tag: { slug: "energie" }, count: 3 },
            { tag: { slug: "sport" }, count: 2 },
            { tag: { slug: "stadt" }, count: 2 },
          ],
          sources: [{ source: { name: "Facet feed" }, count: 5 }],
          categories: [{ value: "Politik", count: 3 }, { value: "Sport", count: 2 }],
          languages: [{ value: "de", count: 3 }, { value: "en", count: 2 }],
          days: [
            { key: "2024-10-26", start: "2024-10-25T22:00:00.000Z", count: 1 },
            { key: "2024-10-27", start: "2024-10-26T22:00:00.000Z", count: 1 },
            { key: "2024-10-28", start: "2024-10-27T23:00:00.000Z", count: 1 },
            { key: "2024-11-04", start: "2024-11-03T23:00:00.000Z", count: 1 },
          ],
          weeks: [
            { key: "2024-W43", count: 2 },
            { key: "2024-W44", count: 1 },
            { key: "2024-W45", count: 1 },
          ],
          months: [{ key: "2024-10", start: "2024-10-01T00:00:00.000Z", count: 3 }, { key: "2024-11", start: "2024-11-01T00:00:00.000Z", count: 1 }],
        },
      },
    });
    // the response cache's change number, totalCount, 4 counts, the tag and source loaders,
    // 3 × (date range + days): none per bucket or tag.
    expect(statements).toBe(14 + CHANGE_NUMBER_STATEMENTS);
  });

  it("refuses an unknown time zone", async () => {
    const { errors } = await server.gql('{ facets { published(interval: DAY, timeZone: "Mars/Olympus") { key } } }');
    expect(errors?.[0]).toEqual(
      expect.objectContaining({ message: 'timeZone: "Mars/Olympus" is not a time zone; use an IANA name such as "Europe/Berlin" or "UTC".', extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    );
  });
});
