import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { startTestServer, type GraphQLResponse, type TestServer } from "../helpers/server";

/** The operations the playground opens with, one tab each. */
const SOURCE = readFileSync(join(__dirname, "..", "..", "schema", "examples.graphql"), "utf8");
const OPERATIONS = parse(SOURCE).definitions.filter(
  (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
);
const NAMES = OPERATIONS.map((o) => o.name?.value ?? "(anonymous)");

const MAIN_SLUG = "dortmund-tritt-charta-integrating-cities-fuer-weltoffene-grossstaedte-bei";
const MAIN_TITLE = 'Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei';

describe("schema/examples.graphql", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  /** Runs one operation of the examples document by name, as the playground sends it. */
  async function run(operationName: string, variables?: Record<string, unknown>): Promise<GraphQLResponse> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: SOURCE, operationName, variables }),
    });
    return (await response.json()) as GraphQLResponse;
  }

  it("holds the playground's examples, each a named operation, in tab order", () => {
    expect(parse(SOURCE).definitions.length).toBe(OPERATIONS.length);
    expect(NAMES).toEqual(["FrontPage", "ArticleBySlug", "TagPage", "ArticlePage", "NodeById"]);
  });

  it("gives every required variable a default, so each operation runs as it stands", () => {
    const unset = OPERATIONS.flatMap((o) =>
      (o.variableDefinitions ?? [])
        .filter((v) => v.type.kind === Kind.NON_NULL_TYPE && !v.defaultValue)
        .map((v) => `${o.name?.value}: $${v.variable.name.value}`),
    );
    expect(unset).toEqual([]);
  });

  it.each(NAMES)("%s returns data without errors on the seed data", async (name) => {
    const result = await run(name);
    expect(result.errors).toBeUndefined();
    expect(Object.entries(result.data).filter(([, value]) => value === null)).toEqual([]);
  });

  it("FrontPage lists all 16 seed articles, the seed article among them", async () => {
    const { data } = await run("FrontPage");
    expect(data.articles.totalCount).toBe(16);
    expect(data.articles.nodes).toHaveLength(16);
    expect(data.articles.nodes[15]).toEqual(
      expect.objectContaining({ slug: MAIN_SLUG, title: MAIN_TITLE, category: "Internationales" }),
    );
  });

  it("ArticleBySlug finds the seed article", async () => {
    const { data } = await run("ArticleBySlug");
    expect(data.article).toEqual(
      expect.objectContaining({
        id: "QXJ0aWNsZToxNg",
        slug: MAIN_SLUG,
        title: MAIN_TITLE,
        tags: [
          { name: "Internationales", slug: "internationales", articleCount: 1 },
          { name: "Familie", slug: "familie", articleCount: 1 },
          { name: "Integration", slug: "integration", articleCount: 1 },
        ],
      }),
    );
  });

  it("TagPage shows the tag integration with its article", async () => {
    expect(await run("TagPage")).toEqual({
      data: {
        tag: {
          id: "VGFnOjM",
          name: "Integration",
          slug: "integration",
          articleCount: 1,
          articles: { totalCount: 1, nodes: [{ slug: MAIN_SLUG, title: MAIN_TITLE, publishedAt: null }] },
        },
      },
    });
  });

  it("ArticlePage pages forward when given the endCursor as after", async () => {
    const all = (await run("FrontPage")).data.articles.nodes.map((n: { slug: string }) => n.slug);
    const first = (await run("ArticlePage")).data.articles;
    const second = (await run("ArticlePage", { after: first.pageInfo.endCursor })).data.articles;
    const slugs = (page: { edges: { node: { slug: string } }[] }) => page.edges.map((e) => e.node.slug);
    expect([first.totalCount, first.pageInfo.hasNextPage, first.pageInfo.hasPreviousPage]).toEqual([16, true, false]);
    expect(slugs(first)).toEqual(all.slice(0, 5));
    expect(slugs(second)).toEqual(all.slice(5, 10));
  });

  it("NodeById resolves the seed article's global id", async () => {
    expect(await run("NodeById")).toEqual({
      data: { node: { __typename: "Article", id: "QXJ0aWNsZToxNg", slug: MAIN_SLUG, title: MAIN_TITLE } },
    });
  });
});
