import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Kind, parse, type OperationDefinitionNode } from "graphql";
import { CATALOGUE_QUERY, catalogueOf, generateQueries, type GeneratedQuery } from "../helpers/generated-queries";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * Every layer of the read path can be switched off, and none may change an answer: the
 * playground's examples and a few hundred generated queries get the same data (byte for
 * byte) and the same errors (in any order) from a server under each of the 16 combinations
 * of RESPONSE_CACHE, EXECUTOR, READ_CACHE_ENTRIES and PREPARED_QUERIES. The servers share
 * one database and run one after the other; each request is sent three times (the response
 * cache keeps an answer the second time, graphql-jit compiles a query the second time), by
 * one of the three ways in: the front door (POST), the GraphQL route (POST with an Origin)
 * and GET.
 */

const EXAMPLES = readFileSync(join(__dirname, "..", "..", "schema", "examples.graphql"), "utf8");
const EXAMPLE_NAMES = parse(EXAMPLES)
  .definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)
  .map((operation) => operation.name?.value as string);

const GENERATED = 300;
const SEED = 20241206;
const RUNS = 3;

type Switches = Record<"RESPONSE_CACHE" | "EXECUTOR" | "READ_CACHE_ENTRIES" | "PREPARED_QUERIES", string>;

const COMBINATIONS: Switches[] = ["on", "off"].flatMap((RESPONSE_CACHE) =>
  ["compiled", "graphql-js"].flatMap((EXECUTOR) =>
    ["50000", "0"].flatMap((READ_CACHE_ENTRIES) => ["500", "0"].map((PREPARED_QUERIES) => ({ RESPONSE_CACHE, EXECUTOR, READ_CACHE_ENTRIES, PREPARED_QUERIES }))),
  ),
);

interface ReadRequest extends GeneratedQuery {
  operationName?: string;
}

/** What is compared of one answer: its data as sent, and its errors sorted. */
interface Outcome {
  data: string;
  errors: string[];
}

type Way = "front door" | "route" | "get";
const WAYS: Way[] = ["front door", "route", "get"];

async function send(server: TestServer, request: ReadRequest, way: Way): Promise<Outcome> {
  const params = { query: request.query, operationName: request.operationName, variables: request.variables };
  let response: Response;
  if (way === "get") {
    const search = new URLSearchParams({ query: request.query });
    if (request.operationName) search.set("operationName", request.operationName);
    if (request.variables) search.set("variables", JSON.stringify(request.variables));
    response = await fetch(`${server.url}/graphql?${search}`, { headers: { "apollo-require-preflight": "true" } });
  } else {
    const headers: Record<string, string> = { "content-type": "application/json" };
    if (way === "route") headers.origin = "http://localhost:3000";
    response = await fetch(`${server.url}/graphql`, { method: "POST", headers, body: JSON.stringify(params) });
  }
  const text = await response.text();
  const body = JSON.parse(text) as { data?: unknown; errors?: { message: string; path?: unknown; locations?: unknown; extensions?: { code?: unknown } }[] };
  // The data as sent: the bytes between "data": and the member after it (or the end).
  const errors = (body.errors ?? []).map((error) => JSON.stringify([error.message, error.path ?? null, error.locations ?? null, error.extensions?.code ?? null])).sort();
  return { data: dataText(text, body.data), errors };
}

/** The data member of a response body exactly as sent; checked against the parsed value. */
function dataText(text: string, data: unknown): string {
  const start = text.indexOf('"data":');
  if (start === -1) return "(none)";
  const sent = JSON.stringify(data);
  const at = text.indexOf(sent, start + '"data":'.length);
  if (at !== start + '"data":'.length) throw new Error(`the data of ${text.slice(0, 200)} is not sent as JSON.stringify writes it`);
  return sent;
}

/** What the layers of the read path did, from the counters on /metrics (shared by the servers of this process). */
interface LayerCounts {
  cacheHits: number;
  compiled: number;
  prepared: number;
  statements: number;
}

async function layerCounts(server: TestServer): Promise<LayerCounts> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const counter = (line: RegExp) => Number(line.exec(text)?.[1] ?? 0);
  return {
    cacheHits: counter(/^newsgate_response_cache_requests_total\{result="hit"\} (\d+)/m),
    compiled: counter(/^newsgate_graphql_executions_total\{executor="compiled"\} (\d+)/m),
    prepared: counter(/^newsgate_prepared_query_answers_total (\d+)/m),
    statements: counter(/^newsgate_db_queries_total (\d+)/m),
  };
}

/** What the layers did while `work` ran. */
async function countLayers(server: TestServer, work: () => Promise<void>): Promise<LayerCounts> {
  const before = await layerCounts(server);
  await work();
  const after = await layerCounts(server);
  return {
    cacheHits: after.cacheHits - before.cacheHits,
    compiled: after.compiled - before.compiled,
    prepared: after.prepared - before.prepared,
    statements: after.statements - before.statements,
  };
}

/** Each switch shows in what its layer did: answers from the cache, compiled runs, prepared answers. */
function expectLayers(switches: Switches, counts: LayerCounts): void {
  const compiled = switches.EXECUTOR === "compiled";
  expect({ cacheHits: counts.cacheHits > 0, compiled: counts.compiled > 0, prepared: counts.prepared > 0 }).toEqual({
    cacheHits: switches.RESPONSE_CACHE === "on",
    compiled,
    prepared: compiled && switches.PREPARED_QUERIES !== "0",
  });
}

const nameOf = (switches: Switches) => Object.entries(switches).map(([name, value]) => `${name}=${value}`).join(" ");

/** Every request sent RUNS times by its way in; the outcome of each run, in order. */
async function readAll(server: TestServer, requests: ReadRequest[]): Promise<Outcome[][]> {
  const outcomes: Outcome[][] = requests.map(() => []);
  for (let run = 0; run < RUNS; run++) {
    for (let i = 0; i < requests.length; i++) outcomes[i].push(await send(server, requests[i], WAYS[i % WAYS.length]));
  }
  return outcomes;
}

describe("the read path's switches", () => {
  let first: TestServer;
  let requests: ReadRequest[];
  let expected: Outcome[][];
  /** Statements each combination sent, by its name. */
  const statements = new Map<string, number>();

  beforeAll(async () => {
    first = await startTestServer(Object.assign({ SCHEDULER: "off" }, COMBINATIONS[0]));
    const catalogue = await first.gql(CATALOGUE_QUERY);
    expect(catalogue.errors).toBeUndefined();
    requests = EXAMPLE_NAMES.map((operationName): ReadRequest => ({ query: EXAMPLES, operationName })).concat(generateQueries(catalogueOf(catalogue.data), GENERATED, SEED));
    const counts = await countLayers(first, async () => {
      expected = await readAll(first, requests);
    });
    expectLayers(COMBINATIONS[0], counts);
    statements.set(nameOf(COMBINATIONS[0]), counts.statements);
  }, 180_000);
  afterAll(() => first?.stop());

  it("generates queries that mostly answer with data, some with errors", () => {
    const failed = expected.filter((runs) => runs[0].errors.length > 0).length;
    expect(failed).toBeGreaterThan(0);
    expect(failed).toBeLessThan(requests.length / 4);
    expect(new Set(expected.map((runs) => runs[0].data)).size).toBeGreaterThan(requests.length / 2);
  });

  it("answers each request the same every time it is sent", () => {
    const unsteady = expected.flatMap((runs, i) => (runs.every((run) => run.data === runs[0].data && run.errors.join() === runs[0].errors.join()) ? [] : [requests[i].query]));
    expect(unsteady).toEqual([]);
  });

  it.each(COMBINATIONS.slice(1).map((switches) => [nameOf(switches), switches] as const))(
    "answers as the default read path with %s",
    async (_name, switches) => {
      const server = await startTestServer(Object.assign({ SCHEDULER: "off", DATABASE_URL: first.databaseUrl }, switches));
      try {
        let outcomes: Outcome[][] = [];
        const counts = await countLayers(server, async () => {
          outcomes = await readAll(server, requests);
        });
        const differing = outcomes.flatMap((runs, i) =>
          runs.flatMap((run, n) =>
            run.data === expected[i][0].data && run.errors.join("\n") === expected[i][0].errors.join("\n")
              ? []
              : [{ request: requests[i], run: n + 1, way: WAYS[i % WAYS.length], expected: expected[i][0], got: run }],
          ),
        );
        expect(differing.slice(0, 3)).toEqual([]);
        expectLayers(switches, counts);
        statements.set(nameOf(switches), counts.statements);
      } finally {
        await server.stop();
      }
    },
    180_000,
  );

  it("sends fewer statements with the read cache than without it, whatever the other switches", () => {
    const pairs = COMBINATIONS.filter((switches) => switches.READ_CACHE_ENTRIES !== "0").map((switches) => {
      const off = nameOf(Object.assign({}, switches, { READ_CACHE_ENTRIES: "0" }));
      return { with: nameOf(switches), fewer: (statements.get(nameOf(switches)) as number) < (statements.get(off) as number) };
    });
    expect(pairs.filter((pair) => !pair.fewer)).toEqual([]);
    expect(pairs).toHaveLength(8);
  });
});
