import fc from "fast-check";
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from "graphql";
import { startTestServer, type TestServer } from "../../helpers/server";
import { mutatedQuery, randomOperation, type FuzzRequest, type Pools } from "./graphql-arbitraries";
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters, watchUnhandled } from "./fuzz-settings";

/** Codes a client may see; anything else (INTERNAL_SERVER_ERROR above all) is a bug. */
const CLIENT_CODES = new Set(["BAD_USER_INPUT", "NOT_FOUND", "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST", "UNAUTHENTICATED", "FORBIDDEN", "RATE_LIMITED", "PERSISTED_QUERY_NOT_FOUND", "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE"]);

const SEED_QUERIES = [
  "query FrontPage { articles(first: 5) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug title teaser publishedAt category source { name kind } tags { name slug } images { url alt credit } links { url label } related(first: 3) { slug title } } } }",
  'query NextPage($after: String) { articles(first: 5, after: $after) { pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { title } } } }',
  '{ tag(slug: "integration") { name articleCount articles(first: 10) { nodes { title } } } articles(filter: { tags: ["familie", "integration"], language: "de", publishedAfter: "2024-06-01T00:00:00Z" }) { totalCount nodes { title } } }',
  '{ search(query: "grossstadte OR eurocities -fan", first: 10, filter: { language: "de" }) { totalCount edges { score snippet node { title slug } } pageInfo { hasNextPage endCursor } } }',
  '{ facets(filter: { tags: ["energie"] }) { tags(first: 10) { tag { slug name } count } sources { source { name } count } categories { value count } languages { value count } published(interval: WEEK, timeZone: "Europe/Berlin") { key start count } } }',
  "query Sync($since: String) { changes(since: $since, first: 100) { articles { id slug title updatedAt } deletedIds nextSince hasMore } }",
  '{ node(id: "QXJ0aWNsZTox") { __typename ... on Article { title } ... on Tag { name } } sources { name kind articleCount } }',
  "{ tags(last: 3, before: \"dDE6eg\") { edges { cursor node { slug } } pageInfo { hasPreviousPage startCursor } } }",
];

jest.setTimeout(FUZZ_TEST_TIMEOUT_MS);

describe("GraphQL over HTTP under fuzzing", () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  const pools: Pools = { ids: [], cursors: [], slugs: [] };
  const unhandled = watchUnhandled();

  beforeAll(async () => {
    server = await startTestServer();
    const introspection = await server.gql(getIntrospectionQuery());
    schema = buildClientSchema(introspection.data as IntrospectionQuery);
    const known = await server.gql(
      "{ articles(first: 20) { edges { cursor node { id slug source { id } images { id } tags { id slug } } } } tags(first: 20) { edges { cursor node { id } } } changes(first: 3) { nextSince } }",
    );
    for (const edge of known.data.articles.edges) {
      pools.cursors.push(edge.cursor);
      pools.ids.push(edge.node.id, ...(edge.node.source ? [edge.node.source.id] : []), ...edge.node.images.map((i: { id: string }) => i.id));
      pools.slugs.push(edge.node.slug, ...edge.node.tags.map((t: { slug: string }) => t.slug));
    }
    for (const edge of known.data.tags.edges) {
      pools.cursors.push(edge.cursor);
      pools.ids.push(edge.node.id);
    }
    pools.cursors.push(known.data.changes.nextSince);
  });
  afterAll(async () => {
    unhandled.stop();
    await server?.stop();
  });

  /** Sends a body and fails with the request when the server answers 5xx or reports an internal error. */
  async function check(body: unknown, raw = false): Promise<boolean> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: raw ? (body as string) : JSON.stringify(body),
    });
    const text = await response.text();
    const shown = `${JSON.stringify(body).slice(0, 2000)}\n→ ${response.status} ${text.slice(0, 500)}`;
    if (response.status >= 500) throw new Error(`server error for ${shown}`);
    let parsed: { errors?: { extensions?: { code?: string } }[] };
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`a body that is not JSON for ${shown}`);
    }
    for (const error of parsed.errors ?? []) {
      if (!CLIENT_CODES.has(error.extensions?.code ?? "")) throw new Error(`an internal error for ${shown}`);
    }
    return response.status === 200;
  }

  it("answers random operations over the schema without an internal error", async () => {
    let runs = 0;
    let executed = 0;
    await fc.assert(
      fc.asyncProperty(fc.gen(), async (g) => {
        const request: FuzzRequest = randomOperation(g, schema, pools);
        runs++;
        if (await check(request)) executed++;
      }),
      fuzzParameters(400),
    );
    // The generator is only useful while a fair share of its operations get past validation.
    expect(executed / runs).toBeGreaterThan(0.2);
  });

  it("answers mutated seed queries without an internal error", async () => {
    await fc.assert(
      fc.asyncProperty(fc.gen(), fc.constantFrom(...SEED_QUERIES), async (g, seed) => {
        await check({ query: mutatedQuery(g, seed), variables: g(fc.option, fc.dictionary(fc.constantFrom("after", "since", "x"), fc.jsonValue({ maxDepth: 2 }))) });
      }),
      fuzzParameters(300),
    );
  });

  it("answers random text and malformed request bodies with a client error", async () => {
    const bodies = fc.oneof(
      fc.record({ query: fc.string({ unit: "binary", maxLength: 200 }) }),
      fc.record({ query: fc.jsonValue({ maxDepth: 2 }), variables: fc.jsonValue({ maxDepth: 2 }), operationName: fc.jsonValue({ maxDepth: 1 }), extensions: fc.jsonValue({ maxDepth: 2 }) }, { requiredKeys: [] }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    await fc.assert(fc.asyncProperty(bodies, async (body) => void (await check(body))), fuzzParameters(200));
    await fc.assert(
      fc.asyncProperty(fc.string({ unit: "binary", maxLength: 120 }), async (text) => void (await check(text, true))),
      fuzzParameters(100),
    );
  });

  it("stays healthy, with no unhandled rejection, after the fuzzing", async () => {
    const health = await fetch(`${server.url}/healthz`);
    expect({ status: health.status, body: await health.json() }).toEqual({ status: 200, body: { status: "ok" } });
    expect(unhandled.seen).toEqual([]);
  });
});
