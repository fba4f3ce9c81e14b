import { Role } from "../../src/auth/roles";
import { createKey } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

/** articles: 1 + 5 pages × (nodes: 1) = 6 points. */
const SIX_POINTS = "{ articles(first: 5) { nodes { title } } }";
/** articles: 1 + 10 × 1 = 11 points. */
const ELEVEN_POINTS = "{ articles(first: 10) { nodes { title } } }";
/** articles: 1 + 20 pages × (nodes: 1 + source: 1) = 41 points. */
const FORTY_ONE_POINTS = "{ articles(first: 20) { nodes { title source { name } } } }";

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: any;
}

describe("rate limits", () => {
  let server: TestServer;
  let clients = 0;
  beforeAll(async () => {
    server = await startTestServer({
      RATE_LIMIT_POINTS: "50",
      RATE_LIMIT_KEY_POINTS: "200",
      RATE_LIMIT_WINDOW_SECONDS: "600",
      RATE_LIMIT_EXTENSIONS: "on",
      TRUST_PROXY: "1",
      CORS_ORIGINS: "https://dashboard.example.org",
      MAX_QUERY_LENGTH: "200",
    });
  });
  afterAll(() => server.stop());

  /** A fresh client address per test, through the trusted proxy's X-Forwarded-For. */
  const newClient = () => `198.51.100.${++clients}`;

  async function ask(client: string, query: string, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-forwarded-for": client, ...headers },
      body: JSON.stringify({ query }),
    });
    const names = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used", "retry-after"];
    return {
      status: response.status,
      headers: Object.fromEntries(names.map((name) => [name, response.headers.get(name)])),
      body: await response.json(),
    };
  }

  const window = (answer: Answer) => Number(answer.body.extensions.rateLimit.reset);

  it("charges each request its operation cost and reports the budget in headers and extensions", async () => {
    const client = newClient();
    const before = Math.floor(Date.now() / 1000);
    const first = await ask(client, SIX_POINTS);
    expect(first.status).toBe(200);
    expect(first.headers).toEqual({ "x-ratelimit-limit": "50", "x-ratelimit-remaining": "44", "x-ratelimit-used": "6", "retry-after": null });
    expect(first.body.extensions).toEqual({ rateLimit: { limit: 50, remaining: 44, used: 6, reset: expect.any(Number) } });
    expect(window(first)).toBeGreaterThanOrEqual(before + 600);
    expect(window(first)).toBeLessThanOrEqual(before + 602);

    const second = await ask(client, FORTY_ONE_POINTS);
    expect(second.headers).toEqual({ "x-ratelimit-limit": "50", "x-ratelimit-remaining": "3", "x-ratelimit-used": "47", "retry-after": null });
    expect(window(second)).toBe(window(first));
  });

  it("charges 1 point for a request whose cost cannot be computed", async () => {
    const client = newClient();
    const parseError = await ask(client, "{ articles(");
    expect(parseError.status).toBe(400);
    expect(parseError.body.errors[0].extensions.code).toBe("GRAPHQL_PARSE_FAILED");
    expect(parseError.body.extensions.rateLimit).toEqual(expect.objectContaining({ used: 1, remaining: 49 }));

    const tooLong = await ask(client, `{ ${"__typename ".repeat(30)}}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.headers["x-ratelimit-used"]).toBe("2");
    expect(tooLong.body).toEqual({
      errors: [{ message: "Query length 333 exceeds the maximum of 200 characters; send a shorter query.", extensions: { code: "GRAPHQL_VALIDATION_FAILED" } }],
      extensions: { rateLimit: expect.objectContaining({ used: 2, remaining: 48 }) },
    });
  });

  it("refuses a request that does not fit with 429 and says when to retry, charging nothing", async () => {
    const client = newClient();
    await ask(client, FORTY_ONE_POINTS);
    const refused = await ask(client, ELEVEN_POINTS, { accept: "application/graphql-response+json" });
    expect(refused.status).toBe(429);
    const retryAfter = Number(refused.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(590);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect(refused.body).toEqual({
      errors: [
        {
          message: expect.stringMatching(
            /^Rate limit exceeded: This request costs 11 points but only 9 of 50 remain in this window\. Retry after \d+ s \(at \d{4}-\d\d-\d\dT[\d:.]+Z\), when the budget is whole again\.$/,
          ),
          extensions: { code: "RATE_LIMITED", retryAfter },
        },
      ],
      extensions: { rateLimit: { limit: 50, remaining: 9, used: 41, reset: expect.any(Number) } },
    });
    expect((await ask(client, "{ articles(first: 1) { nodes { title } } }")).headers["x-ratelimit-remaining"]).toBe("7");
  });

  it("refuses every request of a client whose budget is spent before parsing it", async () => {
    const client = newClient();
    await ask(client, FORTY_ONE_POINTS);
    for (let i = 0; i < 9; i++) expect((await ask(client, "{ __typename }")).status).toBe(200);
    const refused = await ask(client, "not even graphql");
    expect(refused.status).toBe(429);
    expect(refused.headers["x-ratelimit-remaining"]).toBe("0");
    expect(refused.body.errors).toEqual([
      {
        message: expect.stringMatching(/^Rate limit exceeded: All 50 points of this window are spent\. Retry after \d+ s/),
        extensions: { code: "RATE_LIMITED", retryAfter: Number(refused.headers["retry-after"]) },
      },
    ]);
    expect((await ask(newClient(), "{ __typename }")).status).toBe(200);
  });

  it("says so when one request costs more than the whole budget", async () => {
    const refused = await ask(newClient(), "{ articles(first: 100) { nodes { title } } }");
    expect(refused.status).toBe(429);
    expect(refused.body.errors[0].message).toBe(
      "This request costs 101 points, more than the whole budget of 50 points per window; ask for smaller pages (first/last) or fewer nested lists.",
    );
  });

  it("gives each live API key its own, larger budget; a made-up token spends the address's", async () => {
    const one = await createKey(server.db, Role.EDITOR);
    const two = await createKey(server.db, Role.EDITOR);
    const client = newClient();
    const keyed = await ask(client, FORTY_ONE_POINTS, { authorization: `Bearer ${one}` });
    expect(keyed.headers).toEqual(expect.objectContaining({ "x-ratelimit-limit": "200", "x-ratelimit-used": "41" }));
    expect((await ask(newClient(), SIX_POINTS, { authorization: `Bearer ${one}` })).headers["x-ratelimit-used"]).toBe("47");
    expect((await ask(client, SIX_POINTS, { authorization: `Bearer ${two}` })).headers["x-ratelimit-used"]).toBe("6");
    expect((await ask(client, SIX_POINTS)).headers).toEqual(expect.objectContaining({ "x-ratelimit-limit": "50", "x-ratelimit-used": "6" }));
    expect((await ask(client, SIX_POINTS, { authorization: "Bearer made-up" })).headers).toEqual(
      expect.objectContaining({ "x-ratelimit-limit": "50", "x-ratelimit-used": "12" }),
    );
  });

  it("reports the budget on GET requests and lets browsers read the headers", async () => {
    const response = await fetch(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, {
      headers: { "apollo-require-preflight": "true", origin: "https://dashboard.example.org", "x-forwarded-for": newClient() },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("x-ratelimit-used")).toBe("1");
    expect(response.headers.get("access-control-expose-headers")).toBe(
      "x-request-id, x-ratelimit-limit, x-ratelimit-remaining, x-ratelimit-used, x-ratelimit-reset, retry-after",
    );
  });

  it("ignores a client's own X-Forwarded-For beyond the trusted proxy", async () => {
    const client = newClient();
    await ask(client, FORTY_ONE_POINTS);
    const spoofed = await ask(`203.0.113.1, ${client}`, SIX_POINTS);
    expect(spoofed.headers["x-ratelimit-used"]).toBe("47");
  });
});

describe("rate limits without a trusted proxy", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ RATE_LIMIT_POINTS: "50" });
  });
  afterAll(() => server.stop());

  it("counts by connection address, ignores X-Forwarded-For and can leave bodies alone", async () => {
    const ask = (forwardedFor: string) =>
      fetch(`${server.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": forwardedFor },
        body: JSON.stringify({ query: SIX_POINTS }),
      });
    await ask("203.0.113.1");
    const second = await ask("203.0.113.2");
    expect(second.headers.get("x-ratelimit-used")).toBe("12");
    expect(Object.keys((await second.json()) as object)).toEqual(["data"]);
  });
});
