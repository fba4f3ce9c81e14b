import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const MAIN_SLUG = "dortmund-tritt-charta-integrating-cities-fuer-weltoffene-grossstaedte-bei";

describe("lookups", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("finds an article by id and by slug, and every node by its id", async () => {
    const { data } = await server.gql(`{ article(slug: "${MAIN_SLUG}") { id slug tags { id slug } source { id name } } news: article(slug: "news-ticker-zum-fuenften-euro-spieltag") { images { id alt } } }`);
    const { id, tags, source } = data.article;
    const image = data.news.images[0];
    const result = await server.gql(
      `query ($a: ID!, $t: ID!, $s: ID!, $i: ID!) {
        byId: article(id: $a) { slug }
        a: node(id: $a) { __typename id ... on Article { slug } }
        t: node(id: $t) { __typename id ... on Tag { slug } }
        s: node(id: $s) { __typename id ... on Source { name } }
        i: node(id: $i) { __typename id ... on Image { alt } }
      }`,
      { a: id, t: tags[0].id, s: source.id, i: image.id },
    );
    expect(result).toEqual({
      data: {
        byId: { slug: MAIN_SLUG },
        a: { __typename: "Article", id, slug: MAIN_SLUG },
        t: { __typename: "Tag", id: tags[0].id, slug: "internationales" },
        s: { __typename: "Source", id: source.id, name: "Stadt Dortmund – Newsroom" },
        i: { __typename: "Image", id: image.id, alt: "Georgische Fans in Dortmund" },
      },
    });
  });

  it("answers null for what does not exist", async () => {
    const missing = Buffer.from("Article:999999").toString("base64url");
    expect(await server.gql(`{ article(slug: "no-such-article") { id } tag(slug: "no-such-tag") { id } node(id: "${missing}") { id } byId: article(id: "${missing}") { id } }`)).toEqual({
      data: { article: null, tag: null, node: null, byId: null },
    });
  });

  it.each([
    ['node(id: "bm9wZQ") { id }', 'id: "bm9wZQ" is not a Newsgate id; take ids from the id field of an Article, Tag, Image or Source.', "node"],
    ['node(id: "Article:1") { id }', 'id: "Article:1" is not a Newsgate id; take ids from the id field of an Article, Tag, Image or Source.', "node"],
    [`article(id: "${Buffer.from("Tag:1").toString("base64url")}") { id }`, 'id: "VGFnOjE" is not an Article id; take ids from an article\'s id field.', "article"],
    ['article { id }', 'article: give either id or slug, e.g. article(slug: "…").', "article"],
    [`article(id: "x", slug: "y") { id }`, 'article: give either id or slug, e.g. article(slug: "…").', "article"],
    ['articles(filter: { sourceIds: ["nope"] }) { totalCount }', 'filter.sourceIds: "nope" is not a Source id; take ids from sources { id }.', "articles"],
  ])("refuses %s with BAD_USER_INPUT", async (field, message, path) => {
    const result = await server.gql(`{ ${field} }`);
    expect(result.errors).toEqual([expect.objectContaining({ message, path: [path], extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })]);
  });

  it("lists sources with their counts and health", async () => {
    expect(await server.gql("{ sources { name url kind articleCount lastFetchedAt lastError consecutiveFailures nextFetchAt enabled } }")).toEqual({
      data: {
        sources: [
          {
            name: "Stadt Dortmund – Newsroom",
            url: null,
            kind: "SEED",
            articleCount: 16,
            lastFetchedAt: null,
            lastError: null,
            consecutiveFailures: 0,
            nextFetchAt: null,
            enabled: true,
          },
        ],
      },
    });
  });

  it("pages through tags by slug", async () => {
    const first = await server.gql("{ tags(first: 2) { totalCount nodes { name slug articleCount } pageInfo { hasNextPage hasPreviousPage endCursor } } }");
    expect(first.data.tags).toEqual({
      totalCount: 3,
      nodes: [
        { name: "Familie", slug: "familie", articleCount: 1 },
        { name: "Integration", slug: "integration", articleCount: 1 },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, endCursor: expect.any(String) },
    });
    const next = await server.gql(`{ tags(first: 2, after: "${first.data.tags.pageInfo.endCursor}") { nodes { slug } pageInfo { hasNextPage hasPreviousPage } } }`);
    expect(next).toEqual({ data: { tags: { nodes: [{ slug: "internationales" }], pageInfo: { hasNextPage: false, hasPreviousPage: true } } } });
  });
});

describe("filters and related news", () => {
  let server: TestServer;
  let sourceId: string;
  beforeAll(async () => {
    server = await startTestServer();
    const day = (d: number) => new Date(Date.UTC(2025, 2, d, 9));
    await addArticles(server.db, [
      { guid: "e", title: "Energy plan", publishedAt: day(5), language: "en", category: "Politics", tags: ["Energy", "Climate", "City"] },
      { guid: "d", title: "Drought warning", publishedAt: day(4), language: "en", category: "Weather", tags: ["Climate", "Water"] },
      { guid: "c", title: "City budget", publishedAt: day(3), language: "en", category: "Politics", tags: ["City", "Energy"] },
      { guid: "b", title: "Wind farm", publishedAt: day(2), language: "en", category: "Politics", tags: ["Energy", "Climate"], related: ["a"] },
      { guid: "a", title: "Bus lines", publishedAt: day(1), language: "en", tags: ["City"] },
      { guid: "u", title: "Undated note", language: "en", tags: ["Energy"] },
    ]);
    sourceId = (await server.gql("{ sources { id name } }")).data.sources.find((s: { name: string }) => s.name === "Test feed").id;
  });
  afterAll(() => server.stop());

  const titles = async (filter: Record<string, unknown>) => {
    const result = await server.gql("query ($filter: ArticleFilter) { articles(first: 100, filter: $filter) { totalCount nodes { title } } }", { filter });
    expect(result.errors).toBeUndefined();
    expect(result.data.articles.totalCount).toBe(result.data.articles.nodes.length);
    return result.data.articles.nodes.map((n: { title: string }) => n.title);
  };

  it.each([
    [{ tags: ["water", "city"] }, ["Energy plan", "Drought warning", "City budget", "Bus lines"]],
    [{ allTags: ["energy", "climate"] }, ["Energy plan", "Wind farm"]],
    [{ tags: ["energy"], category: "Politics" }, ["Energy plan", "City budget", "Wind farm"]],
    [{ publishedAfter: "2025-03-03T00:00:00Z", publishedBefore: "2025-03-05T00:00:00Z" }, ["Drought warning", "City budget"]],
    [{ tags: ["energy"], publishedBefore: "2025-03-04T00:00:00Z" }, ["City budget", "Wind farm"]],
    [{ language: "fr" }, [] as string[]],
  ])("filters by %j", async (filter, expected) => {
    expect(await titles(filter)).toEqual(expected);
  });

  it("filters by source and language", async () => {
    expect(await titles({ sourceIds: [sourceId], language: "en" })).toEqual([
      "Energy plan", "Drought warning", "City budget", "Wind farm", "Bus lines", "Undated note",
    ]);
  });

  it("fills related news after the editorial choice with articles sharing the most tags, newest first", async () => {
    const result = await server.gql(`{
      wind: articles(first: 1, filter: { tags: ["energy"], category: "Politics", publishedBefore: "2025-03-03T00:00:00Z" }) { nodes { title related(first: 10) { title } } }
      energy: articles(first: 1) { nodes { title related(first: 3) { title } } }
    }`);
    expect(result).toEqual({
      data: {
        // editorial "Bus lines" first, then by shared tags: Energy plan (2), then 1 shared, newest first.
        wind: { nodes: [{ title: "Wind farm", related: [{ title: "Bus lines" }, { title: "Energy plan" }, { title: "Drought warning" }, { title: "City budget" }, { title: "Undated note" }] }] },
        energy: { nodes: [{ title: "Energy plan", related: [{ title: "City budget" }, { title: "Wind farm" }, { title: "Drought warning" }] }] },
      },
    });
  });

  it("refuses related(first:) out of range", async () => {
    const result = await server.gql("{ articles(first: 1) { nodes { related(first: 101) { id } } } }");
    expect(result.errors?.[0]).toEqual(
      expect.objectContaining({ message: "related(first: 101) is out of range; ask for 0 to 100 related articles.", extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    );
  });

  it("pages a tag's articles", async () => {
    const result = await server.gql(`{ tag(slug: "ENERGY") { name articleCount articles(first: 2) { totalCount nodes { title } pageInfo { hasNextPage } } } }`);
    expect(result).toEqual({
      data: { tag: { name: "Energy", articleCount: 4, articles: { totalCount: 4, nodes: [{ title: "Energy plan" }, { title: "City budget" }], pageInfo: { hasNextPage: true } } } },
    });
  });
});
