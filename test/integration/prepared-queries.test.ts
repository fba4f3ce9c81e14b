import { request as httpRequest } from "node:http";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { addArticles } from "../helpers/articles";
import { CHANGE_NUMBER_STATEMENTS } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

/**
 * A miss of a prepared query is answered at the front door (see PreparedQueries). These tests
 * send the same requests, in the same order, to a server that prepares queries and to one that
 * leaves every miss to Apollo, and compare the answers whole: status, headers and bytes.
 */

const FRONT_PAGE = `query FrontPage($first: Int!, $after: String) {
  articles(first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id slug title teaser publishedAt category
      source { id name }
      tags { id name slug }
      images { id url alt credit }
      links { url label }
      related(first: 5) { id slug title publishedAt images { id url alt } }
    }
  }
}`;

/** Two operations in one document, fragments, aliases named like the answer's own members. */
const NAMED = `fragment Card on Article { id title tags { slug } }
query Latest($first: Int!) { errors: articles(first: $first) { extensions: nodes { ...Card } } }
query Tags($first: Int!) { tags(first: $first) { nodes { slug name articleCount } } }`;

interface Answer {
  status: number;
  headers: Record<string, string>;
  /** The body as sent (compressed bytes in base64), with the budget's reset time left out. */
  body: string;
  /** The body decoded, for reading. */
  text: string;
}

/** Headers that differ between two servers for reasons of their own: time and request ids. */
const OWN = new Set(["date", "x-request-id", "x-ratelimit-reset", "keep-alive", "connection"]);
const RESET = /"reset":\d+/g;

function send(server: TestServer, headers: Record<string, string>, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.url}/graphql`,
      { method: "POST", headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), ...headers } },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => {
          const bytes = Buffer.concat(parts);
          const encoding = response.headers["content-encoding"];
          const text = (encoding === "br" ? brotliDecompressSync(bytes) : encoding === "gzip" ? gunzipSync(bytes) : bytes).toString();
          const normalized = text.replace(RESET, '"reset":0');
          // Compressed bytes are compared whole unless they hold a budget (its reset time is each server's own).
          const whole = !encoding || normalized === text;
          const kept = Object.entries(response.headers).filter(([name]) => !OWN.has(name) && (whole || name !== "content-length"));
          resolve({
            status: response.statusCode ?? 0,
            headers: Object.fromEntries(kept.map(([name, value]) => [name, String(value)])),
            body: encoding && whole ? bytes.toString("base64") : normalized,
            text,
          });
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}

async function preparedAnswers(server: TestServer): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^newsgate_prepared_query_answers_total (\d+)/m.exec(text)?.[1]);
}

describe.each([
  ["with the budget in the body", "on"],
  ["without the budget in the body", "off"],
])("prepared queries, %s", (_name, extensions) => {
  let prepared: TestServer;
  let apollo: TestServer;
  beforeAll(async () => {
    const env = { SCHEDULER: "off", RATE_LIMIT_POINTS: "100000", RATE_LIMIT_EXTENSIONS: extensions };
    [prepared, apollo] = await Promise.all([startTestServer(env), startTestServer({ ...env, PREPARED_QUERIES: "0" })]);
  });
  afterAll(() => Promise.all([prepared?.stop(), apollo?.stop()]));

  /** Sends one request to both servers; their answers must be the same. */
  async function both(body: object | string, headers: Record<string, string> = {}): Promise<Answer> {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    const [mine, theirs] = [await send(prepared, headers, text), await send(apollo, headers, text)];
    expect({ ...mine, text: "" }).toEqual({ ...theirs, text: "" });
    return mine;
  }

  it("answers misses at the front door as Apollo does: the same status, headers and bytes, compressed or not", async () => {
    const before = await preparedAnswers(prepared);
    let call = 0;
    const answers: Answer[] = [];
    const variants: Record<string, string>[] = [{}, { "accept-encoding": "br" }, { "accept-encoding": "gzip, deflate" }, { accept: "application/json" }];
    for (const headers of variants) {
      // Apollo answers the first two (the second runs compiled and prepares the query), the front door the rest.
      for (let i = 0; i < 4; i++) answers.push(await both({ query: FRONT_PAGE, variables: { first: 4, call: call++ } }, headers));
      // The same request again is answered at the front door once more, and stored, as it
      // was asked before; the third time it is a hit, from the entry the front door stored.
      const last = { query: FRONT_PAGE, variables: { first: 4, call: call - 1 } };
      answers.push(await both(last, headers));
      expect((await both(last, headers)).headers["x-cache"]).toBe("HIT");
    }
    expect(answers.map((answer) => [answer.status, answer.headers["x-cache"]])).toEqual(answers.map(() => [200, "MISS"]));
    expect(new Set(answers.map((answer) => JSON.parse(answer.text).data.articles.nodes.length))).toEqual(new Set([4]));
    // Each Accept header is prepared on its own; Accept-Encoding is not part of the key.
    // (The executor compiled the query on its second sight already, whatever the Accept header.)
    expect((await preparedAnswers(prepared)) - before).toBe(3 + 5 + 5 + 4);
  });

  it("keeps operations, fragments and aliases named errors and extensions as Apollo answers them", async () => {
    const before = await preparedAnswers(prepared);
    for (let call = 0; call < 4; call++) {
      const latest = await both({ query: NAMED, operationName: "Latest", variables: { first: 2 + call } });
      expect(Object.keys(JSON.parse(latest.text).data)).toEqual(["errors"]);
      await both({ query: NAMED, operationName: "Tags", variables: { first: 1 + call } });
    }
    expect((await preparedAnswers(prepared)) - before).toBe(4);
  });

  it("leaves to Apollo what it must answer: errors, refused variables, uncacheable fields, extensions, other bodies", async () => {
    const warm = async (body: object) => {
      for (let call = 0; call < 2; call++) await both({ ...body, variables: { first: 3, call } });
    };
    await warm({ query: FRONT_PAGE });
    const before = await preparedAnswers(prepared);
    const refused = [
      await both({ query: FRONT_PAGE, variables: { first: "three" } }),
      await both({ query: FRONT_PAGE, variables: { first: 1000 } }),
      await both({ query: FRONT_PAGE }),
      await both({ query: FRONT_PAGE, variables: { first: 2, after: "not a cursor" } }),
      await both({ query: FRONT_PAGE, variables: [2] }),
    ];
    expect(refused.map((answer) => Boolean(JSON.parse(answer.text).errors?.length))).toEqual([true, true, true, true, true]);
    await both({ query: FRONT_PAGE, variables: { first: 2, call: "extensions" }, extensions: { persistedQuery: { version: 1, sha256Hash: "0".repeat(64) } } });
    await both({ query: FRONT_PAGE, variables: { first: 2, call: "unknown member" }, extra: true });
    // Members the framework's JSON parser refuses (prototype poisoning).
    for (const member of ['"__proto__": { "polluted": true }', '"constructor": { "prototype": { "polluted": true } }']) {
      const poisoned = await both(`{ "query": ${JSON.stringify(FRONT_PAGE)}, "variables": { "first": 2, ${member} } }`);
      expect(poisoned.status).toBe(400);
    }
    for (const query of ["{ sources { name lastFetchedAt } }", "{ article { title } }", '{ article(id: "x") { title } }']) {
      for (let call = 0; call < 4; call++) await both({ query, variables: { call } });
    }
    expect((await preparedAnswers(prepared)) - before).toBe(0);
  });
});

describe("prepared queries and writes", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
  });
  afterAll(() => server.stop());

  it("run at the change number their lookup read: a write shows at once, and nothing is read again otherwise", async () => {
    const query = "query ($first: Int!) { articles(first: $first) { nodes { title tags { slug } } } }";
    const titles = async (call: number) => {
      const response = await server.gql(query, { first: 2, call });
      return response.data.articles.nodes.map((node: { title: string }) => node.title);
    };
    const before = await titles(0);
    await titles(1);
    const runs = await preparedAnswers(server);
    expect(await server.countStatements(() => titles(2))).toBe(CHANGE_NUMBER_STATEMENTS);
    await addArticles(server.db, [{ guid: "prepared-1", title: "Shown at once", publishedAt: new Date("2031-01-01T08:00:00Z"), tags: ["Verkehr"] }]);
    expect(await titles(3)).toEqual(["Shown at once", before[0]]);
    expect((await preparedAnswers(server)) - runs).toBe(2);
  });
});

describe("prepared queries and the rate limit", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off", RATE_LIMIT_POINTS: "1000", RATE_LIMIT_EXTENSIONS: "on" });
  });
  afterAll(() => server.stop());

  it("charge each answer once, and leave a request its budget does not cover to Apollo's RATE_LIMITED", async () => {
    const query = "query ($first: Int!) { articles(first: $first) { nodes { title } } }";
    const before = await preparedAnswers(server);
    const answers: { status: number; remaining: number; code?: string }[] = [];
    for (let call = 0; call < 200 && answers.at(-1)?.status !== 429; call++) {
      const response = await fetch(`${server.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query, variables: { first: 2, call } }) });
      const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
      answers.push({ status: response.status, remaining: Number(response.headers.get("x-ratelimit-remaining")), code: body.errors?.[0]?.extensions?.code });
    }
    const served = answers.filter((answer) => answer.status === 200);
    const cost = 1000 - served[0].remaining;
    expect(served.length).toBeGreaterThan(3);
    expect(served.map((answer) => answer.remaining)).toEqual(served.map((_, i) => 1000 - cost * (i + 1)));
    expect(answers.at(-1)).toEqual({ status: 429, remaining: served.at(-1)?.remaining, code: "RATE_LIMITED" });
    // Apollo answered the first two (the second prepared the query); the front door every other one served.
    expect((await preparedAnswers(server)) - before).toBe(served.length - 2);
  });
});

