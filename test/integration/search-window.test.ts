import { SEARCH_WINDOW, type ArticleDraft } from "../../src/store";
import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const SEARCH = `query ($q: String!, $filter: ArticleFilter, $first: Int, $after: String, $last: Int, $before: String) {
  search(query: $q, filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor score node { id title } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Edge = { cursor: string; score: number; node: { id: string; title: string } };
/** The stored id of an article (ids grow as articles are stored). */
const storedId = (e: Edge) => Number(Buffer.from(e.node.id, "base64url").toString("utf8").split(":")[1]);
const COUNT = SEARCH_WINDOW + 150;

/** COUNT articles with the word "harbour" once to five times, so that their scores differ; every fourth in English. */
function drafts(): ArticleDraft[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    guid: `h-${i}`,
    title: i % 7 === 0 ? `Harbour news ${i}` : `News ${i}`,
    body: `<p>${"harbour ".repeat(1 + (i % 5))}and ${"quay ".repeat(1 + (i % 3))}number ${i}.</p>`,
    language: i % 4 === 0 ? "en" : "de",
    publishedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000),
  }));
}

describe("search over more matches than the ranked window", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    await addArticles(server.db, drafts());
  }, 60_000);
  afterAll(() => server.stop());

  const walk = async (q: string, filter: Record<string, unknown> | undefined, direction: "forward" | "backward", size: number) => {
    const seen: Edge[] = [];
    let cursor: string | null = null;
    let total = 0;
    for (let page = 0; page < 200; page++) {
      const variables = direction === "forward" ? { q, filter, first: size, after: cursor } : { q, filter, last: size, before: cursor };
      const result = await server.gql(SEARCH, variables);
      expect(result.errors).toBeUndefined();
      const { edges, pageInfo, totalCount } = result.data.search;
      total = totalCount;
      if (direction === "forward") seen.push(...edges);
      else seen.unshift(...edges);
      const more = seen.length < totalCount;
      expect({ hasNextPage: pageInfo.hasNextPage, hasPreviousPage: pageInfo.hasPreviousPage }).toEqual(
        direction === "forward" ? { hasNextPage: more, hasPreviousPage: page > 0 } : { hasNextPage: page > 0, hasPreviousPage: more },
      );
      if (!more) break;
      cursor = direction === "forward" ? pageInfo.endCursor : pageInfo.startCursor;
    }
    return { total, seen };
  };

  it.each([
    ["harbour", undefined, COUNT],
    ["harbour quay", { language: "de" }, COUNT - Math.ceil(COUNT / 4)],
  ])("ranks the newest matches of %j best first, then lists the older ones newest first, each once in both directions", async (q, filter, count) => {
    const forward = await walk(q, filter, "forward", 97);
    expect(forward.total).toBe(count);
    expect(forward.seen).toHaveLength(count);
    const ids = forward.seen.map(storedId);
    expect(new Set(ids).size).toBe(count);

    // The window: the SEARCH_WINDOW most recently stored matches, best first, all scored.
    const window = forward.seen.slice(0, SEARCH_WINDOW);
    const newest = [...ids].sort((a, b) => b - a).slice(0, SEARCH_WINDOW);
    expect(window.map(storedId).sort((a, b) => b - a)).toEqual(newest);
    for (let i = 1; i < window.length; i++) expect(window[i - 1].score).toBeGreaterThanOrEqual(window[i].score);
    expect(window.every((e) => e.score > 0)).toBe(true);
    // A title match ranks above a body-only match.
    expect(window[0].node.title).toMatch(/^Harbour news/);
    // Past the window: score 0, most recently stored first.
    const rest = forward.seen.slice(SEARCH_WINDOW);
    expect(rest.map((e) => e.score)).toEqual(rest.map(() => 0));
    expect(ids.slice(SEARCH_WINDOW)).toEqual([...ids.slice(SEARCH_WINDOW)].sort((a, b) => b - a));

    const backward = await walk(q, filter, "backward", 89);
    expect(backward.seen).toEqual(forward.seen);
  }, 60_000);
});
