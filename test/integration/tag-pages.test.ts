import type { ArticleDraft } from "../../src/store";
import { addArticles } from "../helpers/articles";
import { startTestServer, type TestServer } from "../helpers/server";

const PAGE = `query ($filter: ArticleFilter, $first: Int, $after: String, $last: Int, $before: String) {
  articles(filter: $filter, first: $first, after: $after, last: $last, before: $before) {
    totalCount
    edges { cursor node { slug } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}`;

type Edge = { cursor: string; node: { slug: string } };

/** 60 articles over tags a–c: equal dates in pairs, a few undated, every third in English. */
function drafts(): ArticleDraft[] {
  const tags = [["A"], ["B"], ["A", "B"], ["C"], ["A", "C"], ["B", "C"]];
  return Array.from({ length: 60 }, (_, i) => ({
    guid: `p-${i}`,
    title: `Paged ${i}`,
    language: i % 3 === 0 ? "en" : "de",
    publishedAt: i % 11 === 5 ? null : new Date(Date.UTC(2025, 4, 1) - Math.floor(i / 2) * 3_600_000),
    tags: tags[i % tags.length],
  }));
}

describe("tag pages", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    await addArticles(server.db, drafts());
  });
  afterAll(() => server.stop());

  const everything = async (filter: Record<string, unknown>) => {
    const { data } = await server.gql(PAGE, { filter, first: 100 });
    return { total: data.articles.totalCount as number, slugs: data.articles.edges.map((e: Edge) => e.node.slug) as string[] };
  };

  it.each([
    [{ tags: ["a"] }, 30],
    [{ tags: ["a", "b"] }, 50],
    [{ tags: ["c", "b", "c"] }, 50],
    [{ tags: ["a", "c"], language: "en" }, 20],
    [{ tags: ["b"], excludeTags: ["c"], publishedAfter: "2025-04-30T12:00:00Z" }, undefined],
    [{ tags: ["nothing"] }, 0],
  ])("pages %j forward and backward, each article once, in list order, with exact pageInfo and totalCount", async (filter, size) => {
    const all = await everything(filter);
    if (size !== undefined) expect(all.slugs).toHaveLength(size);
    expect(all.total).toBe(all.slugs.length);
    // The list is the filter applied to the unfiltered list, in its order.
    const { data } = await server.gql(`query ($filter: ArticleFilter!) { articles(first: 100, filter: { and: [$filter] }) { nodes { slug } } }`, { filter });
    expect(all.slugs).toEqual(data.articles.nodes.map((n: { slug: string }) => n.slug));

    for (const direction of ["forward", "backward"] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      for (let page = 0; page < 30; page++) {
        const variables = direction === "forward" ? { filter, first: 7, after: cursor } : { filter, last: 7, before: cursor };
        const result = await server.gql(PAGE, variables);
        const { edges, pageInfo, totalCount } = result.data.articles;
        expect(totalCount).toBe(all.total);
        const slugs = edges.map((e: Edge) => e.node.slug);
        if (direction === "forward") seen.push(...slugs);
        else seen.unshift(...slugs);
        const more = seen.length < all.slugs.length;
        expect({ hasNextPage: pageInfo.hasNextPage, hasPreviousPage: pageInfo.hasPreviousPage }).toEqual(
          direction === "forward" ? { hasNextPage: more, hasPreviousPage: page > 0 } : { hasNextPage: page > 0, hasPreviousPage: more },
        );
        if (!more) break;
        cursor = direction === "forward" ? pageInfo.endCursor : pageInfo.startCursor;
      }
      expect(seen).toEqual(all.slugs);
    }
  });

  it("pages a tag's articles through the tag, like the filter", async () => {
    const all = await everything({ tags: ["b"] });
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const { data } = await server.gql(
        `query ($after: String) { tag(slug: "b") { articles(first: 9, after: $after) { totalCount nodes { slug } pageInfo { hasNextPage endCursor } } } }`,
        { after },
      );
      const { nodes, pageInfo, totalCount } = data.tag.articles;
      expect(totalCount).toBe(all.total);
      seen.push(...nodes.map((n: { slug: string }) => n.slug));
      if (!pageInfo.hasNextPage) break;
      after = pageInfo.endCursor;
    }
    expect(seen).toEqual(all.slugs);
  });
});
