import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const SEARCH = `query ($q: String!, $first: Int, $after: String, $filter: ArticleFilter) {
  search(query: $q, first: $first, after: $after, filter: $filter) {
    totalCount
    edges { cursor score snippet node { title } }
    pageInfo { hasNextPage hasPreviousPage endCursor }
  }
}`;

describe("search", () => {
  let server: TestServer;
  const titles = async (q: string, filter?: Record<string, unknown>) => {
    const result = await server.gql(SEARCH, { q, first: 100, filter });
    expect(result.errors).toBeUndefined();
    expect(result.data.search.totalCount).toBe(result.data.search.edges.length);
    return result.data.search.edges.map((e: { node: { title: string } }) => e.node.title);
  };

  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    const day = (d: number) => new Date(Date.UTC(2025, 4, d, 9));
    await addArticles(server.db, [
      { guid: "m1", title: "München baut neue Radwege", teaser: "Die Stadt München plant 40 Kilometer.", publishedAt: day(9), tags: ["Verkehr"], language: "de" },
      { guid: "m2", title: "Radwege in Münster", body: "<p>Auch Münster und München vergleichen ihre <b>Radwege</b>.</p>", publishedAt: day(8), tags: ["Verkehr", "Umwelt"], language: "de" },
      { guid: "m3", title: "Public Viewing im Park", teaser: "Das Public Viewing startet um 18 Uhr.", publishedAt: day(7), tags: ["Sport"], language: "de" },
      { guid: "m4", title: "Viewing platform opens", teaser: "A public park gets a new viewing platform.", publishedAt: day(6), tags: ["Parks"], language: "en" },
      { guid: "m5", title: "Zoo bleibt geschlossen", teaser: "Wegen Unwetter.", publishedAt: day(5), tags: ["Wetter"], language: "de" },
    ]);
  });
  afterAll(() => server.stop());

  it("finds German and accented words however they are typed", async () => {
    const dortmund = 'Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei';
    for (const q of ["Großstädte", "grossstadte", "Grossstaedte", "GROSSSTÄDTE"]) expect(await titles(q)).toEqual([dortmund]);
    expect(await titles("munchen")).toEqual(["München baut neue Radwege", "Radwege in Münster"]);
  });

  it("ranks a match in the title above one in the body", async () => {
    const { data } = await server.gql(SEARCH, { q: "münchen", first: 10 });
    expect(data.search.edges.map((e: { score: number; snippet: string; node: { title: string } }) => [e.node.title, e.snippet])).toEqual([
      ["München baut neue Radwege", "Die Stadt <mark>München</mark> plant 40 Kilometer."],
      ["Radwege in Münster", "Auch Münster und <mark>München</mark> vergleichen ihre Radwege."],
    ]);
    expect(data.search.edges[0].score).toBeGreaterThan(data.search.edges[1].score);
  });

  it("understands phrases, prefixes, exclusions and OR", async () => {
    const phrase = await titles('"public viewing"');
    expect(phrase).toContain("Public Viewing im Park");
    expect(phrase).not.toContain("Viewing platform opens");
    expect(await titles("public viewing")).toEqual(expect.arrayContaining(["Public Viewing im Park", "Viewing platform opens"]));
    expect(await titles("radweg*")).toHaveLength(2);
    expect(await titles("radwege -münster")).toEqual(["München baut neue Radwege"]);
    expect(await titles("zoo OR platform")).toEqual(expect.arrayContaining(["Zoo bleibt geschlossen", "Viewing platform opens"]));
    expect(await titles("umwelt")).toEqual(["Radwege in Münster"]); // tag names are searched too
  });

  it("combines with filters, also through ArticleFilter.query", async () => {
    expect(await titles("viewing", { language: "en" })).toEqual(["Viewing platform opens"]);
    const { data } = await server.gql(`{ articles(filter: { query: "radwege", tags: ["umwelt"] }) { totalCount nodes { title } } }`);
    expect(data).toEqual({ articles: { totalCount: 1, nodes: [{ title: "Radwege in Münster" }] } });
  });

  it("pages through results with stable cursors", async () => {
    const all = await titles("dortmund");
    expect(all.length).toBeGreaterThan(4);
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 20; page++) {
      const { data } = await server.gql(SEARCH, { q: "dortmund", first: 2, after });
      seen.push(...data.search.edges.map((e: { node: { title: string } }) => e.node.title));
      expect(data.search.pageInfo.hasPreviousPage).toBe(page > 0);
      if (!data.search.pageInfo.hasNextPage) break;
      after = data.search.pageInfo.endCursor;
    }
    expect(seen).toEqual(all);
  });

  it.each([
    ['"unclosed', 'query: Close the quote: "unclosed has no closing ".'],
    ["-only", "query: Add a word to find: -word only excludes articles from what the other words find."],
    ["OR", "query: OR needs a word on each side, e.g. energy OR climate."],
    ['NEAR("a" b) AND "', 'query: Close the quote: " has no closing ".'],
  ])("refuses %j with a helpful BAD_USER_INPUT, never a SQL error", async (q, message) => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SEARCH, variables: { q } }),
    });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { errors?: unknown[] };
    expect(body.errors).toEqual([expect.objectContaining({ message, extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })]);
  });

  it("treats FTS syntax typed by a person as plain words", async () => {
    // "title:zoo" is the phrase "title zoo", "NEAR(zoo" the phrase "near zoo": no match, no error.
    expect(await titles("title:zoo")).toEqual([]);
    expect(await titles("NEAR(zoo geschlossen)")).toEqual([]);
    expect(await titles("zoo AND geschlossen")).toEqual([]);
  });

  it("reads articles' bodies only for the pages that show snippets, with the read cache on and off", async () => {
    // New articles move the change number: nothing read before is kept for this test's requests.
    await addArticles(server.db, [
      { guid: "l1", title: "Lastenräder zum Ausleihen", teaser: "Ab Montag am Rathaus.", publishedAt: new Date(Date.UTC(2025, 4, 10, 9)), tags: ["Verkehr"], language: "de" },
      { guid: "l2", title: "Neue Fahrradständer", body: "<p>Auch für (Lastenräder), sagt die Stadt.</p>", publishedAt: new Date(Date.UTC(2025, 4, 11, 9)), tags: ["Verkehr"], language: "de" },
    ]);
    const uncached = await startTestServer({ SCHEDULER: "off", DATABASE_URL: server.databaseUrl, READ_CACHE_ENTRIES: "0" });
    try {
      for (const target of [server, uncached]) {
        const statements: string[] = [];
        const query = target.db.query.bind(target.db);
        target.db.query = ((sql: string, params?: unknown[]) => {
          statements.push(sql);
          return query(sql, params);
        }) as typeof target.db.query;
        const readsBodies = () => statements.filter((sql) => /\ba\.body\b|\ba\.\*/.test(sql));
        try {
          // No snippet, no body: neither the read cache nor a statement holds one.
          const titlesOnly = await target.gql('query ($q: String!) { search(query: $q, first: 10) { edges { node { title } } } }', { q: "lastenräder" });
          expect(titlesOnly).toEqual({ data: { search: { edges: [{ node: { title: "Lastenräder zum Ausleihen" } }, { node: { title: "Neue Fahrradständer" } }] } } });
          expect(statements.length).toBeGreaterThan(0);
          expect(readsBodies()).toEqual([]);
          statements.length = 0;
          const snippets = await target.gql('query ($q: String!) { search(query: $q, first: 10) { edges { snippet node { title } } } }', { q: "lastenräder" });
          expect(snippets).toEqual({
            data: {
              search: {
                edges: [
                  { snippet: "<mark>Lastenräder</mark> zum Ausleihen", node: { title: "Lastenräder zum Ausleihen" } },
                  { snippet: "Auch für (<mark>Lastenräder</mark>), sagt die Stadt.", node: { title: "Neue Fahrradständer" } },
                ],
              },
            },
          });
          // One statement for the page's bodies, whatever its length.
          expect(readsBodies()).toHaveLength(1);
        } finally {
          target.db.query = query;
        }
      }
    } finally {
      await uncached.stop();
    }
  });
});
