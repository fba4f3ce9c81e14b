import { startTestServer, type TestServer } from "../helpers/server";

describe("HTTP", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ CORS_ORIGINS: "https://dashboard.example.org" });
  });
  afterAll(() => server.stop());

  it("executes a query sent with GET", async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent("{ sources { name kind } }")}`;
    const response = await fetch(url, { headers: { accept: "application/json", "apollo-require-preflight": "true" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { sources: [{ name: "Stadt Dortmund – Newsroom", kind: "SEED" }] } });
  });

  it("answers GraphQL-over-HTTP content negotiation", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/graphql-response+json" },
      body: JSON.stringify({ query: "{ tag(slug: \"familie\") { name slug articleCount } }" }),
    });
    expect(response.headers.get("content-type")).toMatch(/^application\/graphql-response\+json/);
    expect(await response.json()).toEqual({ data: { tag: { name: "Familie", slug: "familie", articleCount: 1 } } });
  });

  it("answers a parse error with GRAPHQL_PARSE_FAILED and no stack", async () => {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ articles(first: 1) { " }),
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      errors: [{ message: "Syntax Error: Expected Name, found <EOF>.", locations: [{ line: 1, column: 24 }], extensions: { code: "GRAPHQL_PARSE_FAILED" } }],
    });
  });

  it("reports health", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok" });
  });

  it("exports Prometheus metrics with the statement counter, durations and operations", async () => {
    await server.gql("query FrontPage { articles(first: 2) { nodes { title } } }");
    await server.gql("query Broken { articles(first: 500) { nodes { title } } }");
    const response = await fetch(`${server.url}/metrics`);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^newsgate_db_queries_total \d+$/m);
    expect(text).toMatch(/^newsgate_http_request_duration_seconds_bucket\{.*route="\/graphql".*\} \d+$/m);
    expect(text).toContain('newsgate_graphql_operations_total{operation="FrontPage",type="query",outcome="ok"} 1');
    expect(text).toContain('newsgate_graphql_operations_total{operation="Broken",type="query",outcome="error"} 1');
  });

  it("answers CORS preflights for the allowed origin only", async () => {
    const preflight = (origin: string) =>
      fetch(`${server.url}/graphql`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight("https://dashboard.example.org");
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://dashboard.example.org");
    expect(allowed.headers.get("access-control-allow-methods")).toContain("POST");
    const other = await preflight("https://elsewhere.example.com");
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("tags every response with a request id, keeping the caller's", async () => {
    const own = await fetch(`${server.url}/healthz`, { headers: { "x-request-id": "trace-123" } });
    expect(own.headers.get("x-request-id")).toBe("trace-123");
    const generated = await fetch(`${server.url}/healthz`);
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe("in production, when the database is gone", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ NODE_ENV: "production" });
    await server.db.destroy();
  });
  afterAll(async () => {
    await server.app.close();
  });

  it("says so on /healthz", async () => {
    const response = await fetch(`${server.url}/healthz`);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ status: "unavailable", reason: "the database does not answer" });
  });

  it("answers queries with an internal error that carries no SQL or stack", async () => {
    expect(await server.gql("{ articles(first: 1) { totalCount } }")).toEqual({
      data: null,
      errors: [{ message: "Internal server error", locations: [{ line: 1, column: 3 }], path: ["articles"], extensions: { code: "INTERNAL_SERVER_ERROR" } }],
    });
  });
});
