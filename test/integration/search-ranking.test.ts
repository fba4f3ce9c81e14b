import { join } from "node:path";
import type { ArticleDraft } from "../../src/store";
import { addArticles } from "../helpers/articles";
import { CHANGE_NUMBER_STATEMENTS, itOnSqlite } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

const SEARCH = `query ($q: String!, $filter: ArticleFilter, $first: Int, $after: String) {
  search(query: $q, filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor score node { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * Words in different shares of the articles and columns, so that every phrase of a search
 * weighs differently: "harbour" in most, "quay" in a third, "ferry" in a tenth, "lighthouse"
 * in two.
 */
function drafts(): ArticleDraft[] {
  return Array.from({ length: 90 }, (_, i) => ({
    guid: `rank-${i}`,
    title: `${i % 10 === 0 ? "Ferry" : "Harbour"} report ${i}${i === 17 || i === 60 ? " from the lighthouse" : ""}`,
    teaser: i % 3 === 0 ? `The quay, day ${i}.` : `Day ${i} at the harbour.`,
    body: `<p>${"harbour ".repeat(i % 4)}${"quay ".repeat(i % 3)}${i % 7 === 0 ? "ferry timetable " : ""}notes ${i}.</p>`,
    language: i % 5 === 0 ? "en" : "de",
    tags: i % 9 === 0 ? ["Hafen", "Fähre"] : ["Hafen"],
    publishedAt: new Date(Date.UTC(2031, 3, 1) + i * 3_600_000),
  }));
}

const SEARCHES: [string, Record<string, unknown>?][] = [
  ["harbour"],
  ["harbour quay"],
  ["quay harbour ferry"],
  ['"harbour report"'],
  ["harb* lighthouse"],
  ["ferry OR lighthouse"],
  ["harbour -quay"],
  ["quay", { language: "en" }],
];

describe("search ranking with kept phrase counts", () => {
  let ranked: TestServer;
  let plain: TestServer;
  beforeAll(async () => {
    ranked = await startTestServer({ SCHEDULER: "off" });
    await addArticles(ranked.db, drafts());
    // The same store, ranked by SQLite's own bm25(), which counts each phrase on every search.
    plain = await startTestServer({ SCHEDULER: "off", DATABASE_URL: ranked.databaseUrl as string, SQLITE_RANK_EXTENSION: "off" });
  }, 60_000);
  afterAll(async () => {
    await plain?.stop();
    await ranked?.stop();
  });

  itOnSqlite("gives every search, page and cursor the very answer bm25() gives", async () => {
    for (const [q, filter] of SEARCHES) {
      let after: string | null = null;
      for (let page = 0; page < 3; page++) {
        const variables = { q, filter, first: 7, after };
        const answer = await ranked.gql(SEARCH, variables);
        expect({ q, page, answer }).toEqual({ q, page, answer: await plain.gql(SEARCH, variables) });
        expect(answer.errors).toBeUndefined();
        if (!answer.data.search.pageInfo.hasNextPage) break;
        after = answer.data.search.pageInfo.endCursor;
      }
    }
    // The words weigh differently: scores differ, and no score is zero within the window.
    const scores = (await ranked.gql(SEARCH, { q: "quay harbour ferry", first: 30 })).data.search.edges.map((edge: { score: number }) => edge.score);
    expect(new Set(scores).size).toBeGreaterThan(5);
    expect(scores.every((score: number) => score > 0)).toBe(true);
  });

  itOnSqlite("counts a word once per change number, for every search that has it", async () => {
    let call = 0;
    const page = "query ($q: String!) { search(query: $q, first: 3) { edges { score node { title } } } }";
    const statements = (server: TestServer, q: string) => server.countStatements(() => server.gql(page, { q, call: call++ }));
    // Its articles read, and "lighthouse" counted.
    await ranked.gql(page, { q: "report lighthouse", call: call++ });
    // A new word: its count (one statement for all new words), then the page's keys.
    expect(await statements(ranked, "lighthouse notes")).toBe(CHANGE_NUMBER_STATEMENTS + 2);
    // Both words counted already: the page alone.
    expect(await statements(ranked, "notes lighthouse")).toBe(CHANGE_NUMBER_STATEMENTS + 1);
    // One new word: its count, then the page.
    expect(await statements(ranked, "lighthouse timetable")).toBe(CHANGE_NUMBER_STATEMENTS + 2);
    // An excluded word is never counted (no article has it).
    expect(await statements(ranked, "lighthouse -zeppelin")).toBe(CHANGE_NUMBER_STATEMENTS + 1);
    // Without the extension the page statement counts for itself.
    await plain.gql(page, { q: "report lighthouse", call: call++ });
    expect(await statements(plain, "lighthouse notes")).toBe(CHANGE_NUMBER_STATEMENTS + 1);
    // A write makes every count stale, as all else kept: the counts, the page's keys, its articles.
    await addArticles(ranked.db, [{ guid: "rank-new", title: "Lighthouse reopens", publishedAt: new Date(Date.UTC(2031, 5, 1)) }]);
    expect(await statements(ranked, "notes lighthouse")).toBe(CHANGE_NUMBER_STATEMENTS + 3);
    const [fresh, reference] = await Promise.all([ranked.gql(SEARCH, { q: "lighthouse", first: 5 }), plain.gql(SEARCH, { q: "lighthouse", first: 5 })]);
    expect(fresh).toEqual(reference);
    expect(fresh.data.search.edges[0].node.title).toBe("Lighthouse reopens");
  });
});

describe("search-ranking extension that does not load", () => {
  itOnSqlite("stops the start with a message naming the setting and what to do", async () => {
    const notALibrary = join(__dirname, "..", "..", "package.json");
    await expect(startTestServer({ SCHEDULER: "off", SQLITE_RANK_EXTENSION: notALibrary })).rejects.toThrow(
      new RegExp(`^The search-ranking extension ${notALibrary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} could not be loaded \\(.+\\): rebuild it with \`npm run build\` \\(needs a C compiler\\), point SQLITE_RANK_EXTENSION at a library built for this machine, or set SQLITE_RANK_EXTENSION=off$`),
    );
  });
});
