import { createHash } from "node:crypto";
import fc from "fast-check";
import { execute, getOperationAST, parse, specifiedRules, validate, type ExecutionResult, type GraphQLSchema } from "graphql";
import { Role } from "../../src/auth/roles";
import { buildNewsgateSchema, createContext } from "../../src/graphql";
import { CompiledExecutor } from "../../src/graphql/execution/executor";
import { select } from "../../src/store/sql";
import { addArticles, generatedDrafts } from "../helpers/articles";
import { createKey, gqlAs } from "../helpers/auth";
import { onPostgres } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";
import { randomOperation, type Pools } from "./fuzz/graphql-arbitraries";
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters } from "./fuzz/fuzz-settings";

const FRONT_PAGE = `query FrontPage($first: Int!, $after: String) { articles(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug title teaser publishedAt category source { id name } tags { id name slug } images { id url alt credit } links { url label } related(first: 5) { id slug title publishedAt images { id url alt } } } } }`;

/** The front page asking for related(first: -1), which every article refuses with BAD_USER_INPUT. */
const BAD_RELATED = FRONT_PAGE.replace("related(first: 5)", "related(first: -1)");

interface Answer {
  status: number;
  text: string;
}

describe("the compiled executor", () => {
  let server: TestServer;
  let schema: GraphQLSchema;
  let ids: number[];
  let sent = 0;

  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    ids = await addArticles(server.db, generatedDrafts(12));
    schema = await buildNewsgateSchema();
  });
  afterAll(() => server.stop());

  /** POSTs an operation; every request carries a variable of its own, so the response cache never answers. */
  async function post(query: string, variables: Record<string, unknown> = {}): Promise<Answer> {
    const body = JSON.stringify({ query, variables: { ...variables, request: ++sent } });
    const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    return { status: response.status, text: await response.text() };
  }

  /** How many operations each executor has run so far, from /metrics. */
  async function executions(): Promise<{ compiled: number; graphqlJs: number }> {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    const count = (executor: string) => Number(new RegExp(`^newsgate_graphql_executions_total\\{executor="${executor}"\\} (\\d+)`, "m").exec(text)?.[1] ?? 0);
    return { compiled: count("compiled"), graphqlJs: count("graphql-js") };
  }

  /** Runs `send` and says which executor ran it. */
  async function ranBy<T>(send: () => Promise<T>): Promise<{ result: T; executor: string }> {
    const before = await executions();
    const result = await send();
    const after = await executions();
    const executor = after.compiled > before.compiled ? "compiled" : after.graphqlJs > before.graphqlJs ? "graphql-js" : "none";
    return { result, executor };
  }

  /** graphql-js's own answer on the same database, with a context of its own, as Apollo writes it. */
  async function graphqlJs(query: string, variables: Record<string, unknown>): Promise<Answer> {
    const result = await execute({ schema, document: parse(query), contextValue: createContext(server.db), variableValues: variables });
    return { status: 200, text: `${JSON.stringify(result)}\n` };
  }

  it("answers the front page through the compiled path with graphql-js's very bytes", async () => {
    const first = await ranBy(() => post(FRONT_PAGE, { first: 20 }));
    const second = await ranBy(() => post(FRONT_PAGE, { first: 20 }));
    expect([first.executor, second.executor]).toEqual(["graphql-js", "compiled"]);
    const expected = await graphqlJs(FRONT_PAGE, { first: 20 });
    expect(JSON.parse(expected.text).data.articles.nodes).toHaveLength(20);
    expect(first.result).toEqual(expected);
    expect(second.result).toEqual(expected);

    const { endCursor } = JSON.parse(expected.text).data.articles.pageInfo;
    const next = await ranBy(() => post(FRONT_PAGE, { first: 5, after: endCursor }));
    expect(next.executor).toBe("compiled");
    expect(next.result).toEqual(await graphqlJs(FRONT_PAGE, { first: 5, after: endCursor }));
  });

  it("keeps Apollo's plugins at work on compiled operations: cache policy, rate limits, metrics, response cache", async () => {
    const metric = async () => {
      const text = await (await fetch(`${server.url}/metrics`)).text();
      return Number(/^newsgate_graphql_operations_total\{operation="FrontPage",type="query",outcome="ok"\} (\d+)/m.exec(text)?.[1] ?? 0);
    };
    await post(FRONT_PAGE, { first: 4 }); // seen once: compiled from the next run on
    const counted = await metric();
    const body = JSON.stringify({ query: FRONT_PAGE, variables: { first: 4 } });
    const send = () => fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const { result: miss, executor } = await ranBy(send);
    expect(executor).toBe("compiled");
    expect(await metric()).toBe(counted + 1);
    expect([miss.status, miss.headers.get("cache-control"), miss.headers.get("x-cache"), miss.headers.get("x-ratelimit-limit")]).toEqual([200, "max-age=60, public", "MISS", "100000000"]);
    const text = await miss.text();
    // Asked a second time, the answer is stored; the third time it is a hit.
    expect((await send()).headers.get("x-cache")).toBe("MISS");
    const hit = await send();
    expect([hit.status, hit.headers.get("x-cache"), await hit.text()]).toEqual([200, "HIT", text]);
    expect(text).toBe((await graphqlJs(FRONT_PAGE, { first: 4 })).text);
  });

  it("answers a resolver's error through the compiled path as graphql-js does: message, locations, path, extensions and null bubbling", async () => {
    const query = 'query ($slug: String!) { article(slug: $slug) { slug related(first: -1) { id } } articles(first: 2) { nodes { slug } } }';
    await post(query, { slug: "gen-article-3" });
    const compiled = await ranBy(() => post(query, { slug: "gen-article-3" }));
    expect(compiled.executor).toBe("compiled");
    expect(compiled.result).toEqual(await graphqlJs(query, { slug: "gen-article-3" }));
    expect(JSON.parse(compiled.result.text)).toEqual({
      errors: [
        {
          message: "related(first: -1) is out of range; ask for 0 to 100 related articles.",
          locations: [{ line: 1, column: query.indexOf("related(") + 1 }],
          path: ["article", "related"],
          extensions: { code: "BAD_USER_INPUT", argument: "first" },
        },
      ],
      data: { article: null, articles: { nodes: [{ slug: "gen-article-0" }, { slug: "gen-article-1" }] } },
    });
  });

  it("leaves an error that takes all the data to graphql-js, which chooses among several such errors", async () => {
    await post(BAD_RELATED, { first: 3 });
    const again = await ranBy(() => post(BAD_RELATED, { first: 3 }));
    expect(again.executor).toBe("graphql-js");
    expect(again.result).toEqual(await graphqlJs(BAD_RELATED, { first: 3 }));
    expect(JSON.parse(again.result.text)).toEqual({
      errors: [
        {
          message: "related(first: -1) is out of range; ask for 0 to 100 related articles.",
          locations: [{ line: 1, column: BAD_RELATED.indexOf("related(") + 1 }],
          path: ["articles", "nodes", 0, "related"],
          extensions: { code: "BAD_USER_INPUT", argument: "first" },
        },
      ],
      data: null,
    });
  });

  it("answers an error on a nullable field beside data as graphql-js does", async () => {
    const query = 'query ($n: Int!) { articles(first: $n) { totalCount nodes { slug } } article(slug: "x", id: "y") { id } }';
    await post(query, { n: 2 });
    const compiled = await ranBy(() => post(query, { n: 2 }));
    expect(compiled.executor).toBe("compiled");
    expect(compiled.result).toEqual(await graphqlJs(query, { n: 2 }));
    const body = JSON.parse(compiled.result.text);
    expect(body.data.article).toBeNull();
    expect(body.errors).toEqual([expect.objectContaining({ path: ["article"], extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) })]);
  });

  it("leaves responses with several errors, and variables it cannot take, to graphql-js, with the same answers as before compiling", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ["{ a: article { id } b: article(id: \"x\", slug: \"y\") { id } }", {}],
      [FRONT_PAGE, { first: "twenty" }],
      [FRONT_PAGE, {}],
    ];
    for (const [query, variables] of cases) {
      const first = await post(query, variables);
      const again = await ranBy(() => post(query, variables));
      expect(again.executor).toBe("graphql-js");
      expect(again.result).toEqual(first);
    }
    // Apollo answers refused variables with 400 and BAD_USER_INPUT, whichever executor tried first.
    const refused = await post(FRONT_PAGE, { first: "twenty" });
    expect(refused.status).toBe(400);
    expect(JSON.parse(refused.text).errors[0].extensions.code).toBe("BAD_USER_INPUT");
  });

  it("leaves an error graphql-jit words itself to graphql-js: a stored date that is no date", async () => {
    const query = "query ($n: Int!) { articles(first: $n) { nodes { slug publishedAt } } }";
    const [{ published_at: kept }] = await select<{ published_at: unknown }>(server.db, "SELECT published_at FROM articles WHERE id = ?", [ids[0]]);
    await select(server.db, "UPDATE articles SET published_at = ? WHERE id = ?", [onPostgres ? "infinity" : "no date", ids[0]]);
    try {
      // PostgreSQL announces the raw UPDATE by notification: until it arrives, a cached answer may be served.
      let first = await post(query, { n: 3 });
      const deadline = Date.now() + 5_000;
      while (onPostgres && !first.text.includes('"errors"') && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 10));
        first = await post(query, { n: 3 });
      }
      const again = await ranBy(() => post(query, { n: 3 }));
      expect(again.executor).toBe("graphql-js");
      expect(again.result).toEqual(first);
      const body = JSON.parse(first.text);
      expect(body.errors).toEqual([expect.objectContaining({ message: "Internal server error", path: ["articles", "nodes", 0, "publishedAt"] })]);
      expect(body.data.articles.nodes[0]).toEqual({ slug: "gen-article-0", publishedAt: null });
    } finally {
      await select(server.db, "UPDATE articles SET published_at = ? WHERE id = ?", [kept, ids[0]]);
    }
  });

  it("runs what graphql-jit would answer differently on graphql-js", async () => {
    const cases: [string, Record<string, unknown>][] = [
      ['{ node(id: "QXJ0aWNsZTox") { __typename id ... on Article { title } } }', {}],
      ["query ($s: Boolean!) { articles(first: 2) { nodes { ...F @include(if: $s) a: title ...G } } } fragment F on Article { slug title } fragment G on Article { slug }", { s: false }],
      ["query ($f: ArticleFilter) { articles(first: 2, filter: $f) { totalCount } }", { f: { or: [{ tags: ["alpha"] }, { tags: ["beta"] }] } }],
      ['query ($d: DateTime = "2025-01-25T00:00:00Z") { articles(first: 2, filter: { publishedAfter: $d }) { totalCount } }', {}],
      ["{ sources { __proto__: id name } }", {}],
      ["{ __schema { queryType { name } } }", {}],
    ];
    for (const [query, variables] of cases) {
      await post(query, variables);
      const again = await ranBy(() => post(query, variables));
      expect(again.executor).toBe("graphql-js");
      expect(again.result).toEqual(await graphqlJs(query, variables));
    }
  });

  it("uses graphql-js for a variable inside a literal only while the variable has no value", async () => {
    const query = "query ($t: [String!]) { articles(first: 3, filter: { tags: $t }) { totalCount nodes { slug } } }";
    await post(query, { t: ["alpha"] });
    const given = await ranBy(() => post(query, { t: ["alpha"] }));
    const missing = await ranBy(() => post(query));
    expect([given.executor, missing.executor]).toEqual(["compiled", "graphql-js"]);
    expect(given.result).toEqual(await graphqlJs(query, { t: ["alpha"] }));
    expect(missing.result).toEqual(await graphqlJs(query, {}));
  });

  it("runs mutations on graphql-js, and compiled queries see what they wrote", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    const tagPage = 'query ($slug: String!) { tag(slug: $slug) { name slug articleCount } }';
    await post(tagPage, { slug: "alpha" });
    const before = await ranBy(() => post(tagPage, { slug: "alpha" }));
    expect(before.executor).toBe("compiled");
    const tagId = JSON.parse((await post('{ tag(slug: "alpha") { id } }')).text).data.tag.id;

    const rename = "mutation ($input: RenameTagInput!) { renameTag(input: $input) { tag { name slug articleCount } } }";
    const renamed = await ranBy(() => gqlAs(server, editor, rename, { input: { id: tagId, name: "Alpha Centauri" } }));
    expect(renamed.executor).toBe("graphql-js");
    expect(renamed.result).toEqual({ status: 200, body: { data: { renameTag: { tag: { name: "Alpha Centauri", slug: "alpha-centauri", articleCount: 5 } } } } });

    const after = await ranBy(() => post(tagPage, { slug: "alpha-centauri" }));
    expect(after.executor).toBe("compiled");
    expect(JSON.parse(after.result.text)).toEqual({ data: { tag: { name: "Alpha Centauri", slug: "alpha-centauri", articleCount: 5 } } });
    expect(JSON.parse((await post(tagPage, { slug: "alpha" })).text)).toEqual({ data: { tag: null } });
  });

  describe("in process", () => {
    const hash = (text: string) => createHash("sha256").update(text).digest("hex");

    /** Runs a query through `executor` as Apollo does: the parsed document, its operation, hash and a fresh context. */
    function run(executor: CompiledExecutor, query: string, variables?: Record<string, unknown>): Promise<ExecutionResult> {
      const document = parse(query);
      return executor.execute({
        document,
        operation: getOperationAST(document) ?? undefined,
        queryHash: hash(query),
        context: createContext(server.db),
        request: { variables },
      });
    }

    const reference = async (query: string, variables?: Record<string, unknown>) =>
      JSON.stringify(await execute({ schema, document: parse(query), contextValue: createContext(server.db), variableValues: variables }));

    it("keeps at most maxCompiled operations, and never one seen only once", async () => {
      const executor = new CompiledExecutor(schema, { maxCompiled: 3 });
      const queries = Array.from({ length: 8 }, (_, i) => `{ articles(first: ${i + 1}) { totalCount nodes { slug title } } }`);
      for (const query of queries) {
        for (let time = 0; time < 2; time++) expect(JSON.stringify(await run(executor, query))).toBe(await reference(query));
      }
      expect(executor.cachedPlans).toBe(3);
      // Texts run once are remembered apart: they take no compiled query's place.
      for (let i = 0; i < 50; i++) await run(executor, `{ tags(first: ${i + 1}) { totalCount } }`);
      expect(executor.cachedPlans).toBe(3);
      expect((await ranBy(() => run(executor, queries[7]))).executor).toBe("compiled");
      // The first query's plan is gone: it is seen once more, then compiled again.
      const again = [await ranBy(() => run(executor, queries[0])), await ranBy(() => run(executor, queries[0]))];
      expect(again.map(({ executor: ran }) => ran)).toEqual(["graphql-js", "compiled"]);
      for (const { result } of again) expect(JSON.stringify(result)).toBe(await reference(queries[0]));
      expect(executor.cachedPlans).toBe(3);
    });

    it(
      "answers random queries exactly as graphql-js does",
      async () => {
        const pools: Pools = { ids: [], cursors: [], slugs: [] };
        const known = JSON.parse((await post("{ articles(first: 20) { edges { cursor node { id slug tags { id slug } images { id } source { id } } } } }")).text);
        for (const { cursor, node } of known.data.articles.edges) {
          pools.cursors.push(cursor);
          pools.ids.push(node.id, ...node.images.map((image: { id: string }) => image.id), ...(node.source ? [node.source.id] : []));
          pools.slugs.push(node.slug, ...node.tags.map((tag: { slug: string }) => tag.slug));
        }
        const executor = new CompiledExecutor(schema);
        const before = await executions();
        let valid = 0;
        await fc.assert(
          fc.asyncProperty(fc.gen(), async (g) => {
            const { query, variables } = randomOperation(g, schema, pools);
            if (validate(schema, parse(query), specifiedRules).length > 0) return;
            valid++;
            const expected = await reference(query, variables);
            for (let time = 0; time < 2; time++) expect(JSON.stringify(await run(executor, query, variables))).toBe(expected);
          }),
          fuzzParameters(150),
        );
        const after = await executions();
        // A fair share of the second runs must have been compiled for this to test anything.
        expect(valid).toBeGreaterThan(20);
        expect(after.compiled - before.compiled).toBeGreaterThan(valid / 4);
      },
      FUZZ_TEST_TIMEOUT_MS,
    );
  });
});
