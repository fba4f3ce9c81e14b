import { getIntrospectionQuery } from "graphql";
import { startTestServer, type GraphQLResponse, type TestServer } from "../helpers/server";

const MAIN_SLUG = "dortmund-tritt-charta-integrating-cities-fuer-weltoffene-grossstaedte-bei";

interface Answer {
  status: number;
  contentType: string | null;
  body: GraphQLResponse | any;
}

/** POSTs a raw body to /graphql and returns status, content type and parsed body. */
async function post(server: TestServer, body: string): Promise<Answer> {
  const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body });
  return { status: response.status, contentType: response.headers.get("content-type"), body: await response.json() };
}

const ask = (server: TestServer, query: string, variables?: Record<string, unknown>) => post(server, JSON.stringify({ query, variables }));

/** The whole answer to a query refused by a limit. */
const refused = (message: string, line = 1, column = 1) => ({
  status: 400,
  contentType: expect.stringMatching(/^application\/json/),
  body: { errors: [{ message, locations: [{ line, column }], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] },
});

/** `related(first: 1)` nested `levels` times under the main article, ending in `title`. */
const relatedChain = (levels: number) =>
  `{ article(slug: "${MAIN_SLUG}") { ${"related(first: 1) { ".repeat(levels)}title${" }".repeat(levels)} } }`;

const FRONT_PAGE = `query FrontPage {
  articles(first: 100) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug title teaser publishedAt category
      source { name kind }
      tags { name slug }
      images { url alt credit }
      links { url label }
      related(first: 5) { slug title source { name } tags { name slug } images { url alt } }
    }
  }
}`;

describe("operation limits (defaults)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("serves a front page of 100 articles with their parts and five related articles each", async () => {
    const { status, body } = await ask(server, FRONT_PAGE);
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data.articles.nodes).toHaveLength(body.data.articles.totalCount);
  });

  it("serves the standard introspection query (the playground's) despite its deep ofType nesting", async () => {
    const { status, body } = await ask(server, getIntrospectionQuery());
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
  });

  it("allows depth 10 and refuses depth 12", async () => {
    expect((await ask(server, relatedChain(8))).status).toBe(200);
    expect(await ask(server, relatedChain(10))).toEqual(refused("Query depth 12 exceeds the maximum of 10; nest fewer fields."));
  });

  it("counts depth through fragment spreads and inline fragments", async () => {
    const fragments = Array.from({ length: 10 }, (_, i) =>
      i < 9 ? `fragment F${i} on Article { ... on Article { related(first: 1) { ...F${i + 1} } } }` : `fragment F${i} on Article { title }`,
    );
    const query = `{ article(slug: "${MAIN_SLUG}") { ...F0 } }\n${fragments.join("\n")}`;
    expect(await ask(server, query)).toEqual(refused("Query depth 11 exceeds the maximum of 10; nest fewer fields."));
  });

  it("refuses more than 15 aliases, counting a fragment's aliases at every spread", async () => {
    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: __typename`).join(" ");
    expect(await ask(server, `{ ${aliases} }`)).toEqual(refused("Alias count 16 exceeds the maximum of 15; use fewer aliases or split the query."));
    const spread = `{ ${"...Two ".repeat(8)}}\nfragment Two on Query { a: __typename b: __typename }`;
    expect(await ask(server, spread)).toEqual(refused("Alias count 16 exceeds the maximum of 15; use fewer aliases or split the query."));
    expect((await ask(server, `{ ${"...Two ".repeat(7)}}\nfragment Two on Query { a: __typename b: __typename }`)).status).toBe(200);
  });

  it("refuses more than 50 directives, counting those on spreads and inside fragments", async () => {
    const fields = "__typename @include(if: true) ".repeat(51);
    expect(await ask(server, `{ ${fields}}`)).toEqual(refused("Directive count 51 exceeds the maximum of 50; use fewer directives."));
    const spread = `{ ${"...T @skip(if: false) ".repeat(26)}}\nfragment T on Query { __typename @include(if: true) }`;
    expect(await ask(server, spread)).toEqual(refused("Directive count 52 exceeds the maximum of 50; use fewer directives."));
  });

  it("refuses related(first: 100) nested four deep by its cost", async () => {
    const query = `{ article(slug: "${MAIN_SLUG}") { ${"related(first: 100) { ".repeat(4)}title${" }".repeat(4)} } }`;
    expect(await ask(server, query)).toEqual(
      refused("Query cost 1010102 exceeds the maximum of 5000; ask for smaller pages (first/last) or nest fewer lists."),
    );
  });

  it("costs fragments at every spread and page sizes in variables at the maximum of 100", async () => {
    const viaFragment = `{ articles(first: 100) { nodes { ...Deep } } }\nfragment Deep on Article { related(first: 100) { related(first: 100) { title } } }`;
    expect(await ask(server, viaFragment)).toEqual(
      refused("Query cost 10201 exceeds the maximum of 5000; ask for smaller pages (first/last) or nest fewer lists."),
    );
    const viaVariable = `query ($n: Int) { article(slug: "${MAIN_SLUG}") { related(first: $n) { related(first: $n) { related(first: $n) { title } } } } }`;
    expect(await ask(server, viaVariable, { n: 1 })).toEqual(
      refused("Query cost 10102 exceeds the maximum of 5000; ask for smaller pages (first/last) or nest fewer lists."),
    );
  });

  it("refuses more than 2000 tokens before parsing", async () => {
    const query = `{ ${"a ".repeat(2000)}}`;
    expect(await ask(server, query)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: { errors: [{ message: "Query has more than 2000 tokens, the maximum; send a shorter query.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }] },
    });
  });

  it("refuses query text over 15000 characters before parsing", async () => {
    const query = `{ __typename }${" ".repeat(15000)}`;
    expect(await ask(server, query)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: {
        errors: [{ message: "Query length 15014 exceeds the maximum of 15000 characters; send a shorter query.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
      },
    });
  });

  it("reports fragment cycles through graphql's own rule without looping", async () => {
    const query = "{ ...A }\nfragment A on Query { __typename ...B }\nfragment B on Query { ...A }";
    expect(await ask(server, query)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: {
        errors: [
          {
            message: 'Cannot spread fragment "A" within itself via "B".',
            locations: [{ line: 2, column: 34 }, { line: 3, column: 23 }],
            extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
          },
        ],
      },
    });
  });

  it("answers a body over 100 KiB with 413 and a JSON error", async () => {
    const body = JSON.stringify({ query: "{ __typename }", variables: { padding: "x".repeat(110_000) } });
    expect(await post(server, body)).toEqual({
      status: 413,
      contentType: expect.stringMatching(/^application\/json/),
      body: {
        errors: [
          {
            message: "Request body exceeds the maximum of 102400 bytes; send a shorter query or fewer variables.",
            extensions: { code: "PAYLOAD_TOO_LARGE" },
          },
        ],
      },
    });
  });

  it("refuses batched requests (a JSON array) with 400", async () => {
    const body = JSON.stringify([{ query: "{ __typename }" }, { query: "{ __typename }" }]);
    expect(await post(server, body)).toEqual({
      status: 400,
      contentType: expect.stringMatching(/^application\/json/),
      body: { errors: [{ message: "Operation batching disabled.", extensions: { code: "BAD_REQUEST" } }] },
    });
  });

  it("suggests field names outside production", async () => {
    expect((await ask(server, "{ articles(first: 1) { nodes { titel } } }")).body).toEqual({
      errors: [
        {
          message: 'Cannot query field "titel" on type "Article". Did you mean "title"?',
          locations: [{ line: 1, column: 32 }],
          extensions: { code: "GRAPHQL_VALIDATION_FAILED" },
        },
      ],
    });
  });
});

describe("operation limits (configured)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ MAX_QUERY_DEPTH: "3", MAX_ALIASES: "1", MAX_QUERY_COST: "10", MAX_TOKENS: "30" });
  });
  afterAll(() => server.stop());

  it("uses the limits from the environment", async () => {
    expect(await ask(server, relatedChain(2))).toEqual(refused("Query depth 4 exceeds the maximum of 3; nest fewer fields."));
    expect(await ask(server, "{ a: __typename b: __typename }")).toEqual(refused("Alias count 2 exceeds the maximum of 1; use fewer aliases or split the query."));
    expect(await ask(server, "{ articles { nodes { id } } }")).toEqual(
      refused("Query cost 21 exceeds the maximum of 10; ask for smaller pages (first/last) or nest fewer lists."),
    );
    expect((await ask(server, `{ ${"__typename ".repeat(30)}}`)).body).toEqual({
      errors: [{ message: "Query has more than 30 tokens, the maximum; send a shorter query.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
    });
  });
});

describe("in production", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: "production" });
  });
  afterAll(() => server.stop());

  it("hides field suggestions", async () => {
    expect(await ask(server, "{ articles(first: 1) { nodes { titel } } }")).toEqual(
      refused('Cannot query field "titel" on type "Article".', 1, 32),
    );
  });

  it("hides argument suggestions", async () => {
    expect(await ask(server, "{ articles(frist: 1) { totalCount } }")).toEqual(
      refused('Unknown argument "frist" on field "Query.articles".', 1, 12),
    );
  });

  it("sends no stack traces with client errors", async () => {
    expect((await ask(server, "{ articles(first: 500) { totalCount } }")).body).toEqual({
      data: null,
      errors: [
        {
          message: "first: 500 is out of range; ask for 1 to 100 items per page.",
          locations: [{ line: 1, column: 3 }],
          path: ["articles"],
          extensions: expect.not.objectContaining({ stacktrace: expect.anything() }),
        },
      ],
    });
  });
});
