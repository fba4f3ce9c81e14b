import { request as httpRequest } from "node:http";
import { startTestServer, type TestServer } from "../helpers/server";

const QUERY = "query ($first: Int!) { articles(first: $first) { nodes { title tags { slug } related(first: 2) { title } } } }";

/** A response with the headers a client can compare: everything but the per-request ones. */
interface Answer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const PER_REQUEST = new Set(["date", "x-request-id", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset", "keep-alive", "connection"]);

/** Sends a request with node:http, the body in the given chunks (chunked when `length` is false). */
function send(server: TestServer, method: string, path: string, headers: Record<string, string>, chunks: string[] = [], length = true): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const body = chunks.join("");
    const request = httpRequest(
      `${server.url}${path}`,
      { method, headers: { ...headers, ...(length && chunks.length ? { "content-length": String(Buffer.byteLength(body)) } : {}) } },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => {
          const kept = Object.entries(response.headers).filter(([name]) => !PER_REQUEST.has(name));
          resolve({ status: response.statusCode ?? 0, headers: Object.fromEntries(kept.map(([name, value]) => [name, String(value)])), body: Buffer.concat(parts).toString() });
        });
      },
    );
    request.on("error", reject);
    let i = 0;
    const next = () => {
      if (i === chunks.length) return void request.end();
      request.write(chunks[i++]);
      setTimeout(next, 5);
    };
    next();
  });
}

const json = { "content-type": "application/json" };

describe("the response cache's front door", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off", RATE_LIMIT_EXTENSIONS: "on" });
  });
  afterAll(() => server.stop());

  it("answers a hit with the same headers and body as the answer that was stored", async () => {
    const body = JSON.stringify({ query: QUERY, variables: { first: 3 } });
    // Stored the second time it is answered (see ResponseCache).
    await send(server, "POST", "/graphql", json, [body]);
    const miss = await send(server, "POST", "/graphql", json, [body]);
    const hit = await send(server, "POST", "/graphql", json, [body]);
    expect(miss.headers["x-cache"]).toBe("MISS");
    expect({ ...hit, body: "" }).toEqual({ ...miss, body: "", headers: { ...miss.headers, "x-cache": "HIT", "content-length": hit.headers["content-length"] } });
    const budget = { limit: expect.any(Number), remaining: expect.any(Number), used: expect.any(Number), reset: expect.any(Number) };
    expect(JSON.parse(hit.body)).toEqual({ data: JSON.parse(miss.body).data, extensions: { rateLimit: budget } });
  });

  it("reads a body that arrives in pieces, and hands it on whole when it is not a hit", async () => {
    const body = JSON.stringify({ query: QUERY, variables: { first: 2 } });
    const pieces = [body.slice(0, 10), body.slice(10, 40), body.slice(40)];
    await send(server, "POST", "/graphql", json, pieces);
    const miss = await send(server, "POST", "/graphql", json, pieces);
    const hit = await send(server, "POST", "/graphql", json, pieces);
    const chunked = await send(server, "POST", "/graphql", json, pieces, false);
    expect([miss.status, miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual([200, "MISS", "HIT"]);
    expect(JSON.parse(hit.body).data).toEqual(JSON.parse(miss.body).data);
    expect(JSON.parse(chunked.body).data).toEqual(JSON.parse(miss.body).data);
  });

  it("hands malformed bodies and other content types on, for the usual errors", async () => {
    await send(server, "POST", "/graphql", json, [JSON.stringify({ query: QUERY, variables: { first: 1 } })]);
    const malformed = await send(server, "POST", "/graphql", json, ['{"query": ']);
    expect(malformed.status).toBe(400);
    const text = await send(server, "POST", "/graphql", { "content-type": "text/plain" }, [JSON.stringify({ query: QUERY, variables: { first: 1 } })]);
    expect(text.status).toBe(400);
    expect(text.headers["x-cache"]).toBeUndefined();
  });

  it("gives browsers the CORS headers on hits too", async () => {
    const body = JSON.stringify({ query: QUERY, variables: { first: 4 } });
    const headers = { ...json, origin: "https://dashboard.example" };
    await send(server, "POST", "/graphql", headers, [body]);
    const miss = await send(server, "POST", "/graphql", headers, [body]);
    const hit = await send(server, "POST", "/graphql", headers, [body]);
    expect([miss.headers["x-cache"], hit.headers["x-cache"]]).toEqual(["MISS", "HIT"]);
    expect(hit.headers["access-control-allow-origin"]).toBe("*");
    expect(hit.headers["access-control-expose-headers"]).toBe(miss.headers["access-control-expose-headers"]);
  });

  it("serves a GET from the cache only when it passes the cross-site request check", async () => {
    const path = `/graphql?${new URLSearchParams({ query: QUERY, variables: JSON.stringify({ first: 5 }) })}`;
    const preflighted = { "apollo-require-preflight": "true" };
    expect((await send(server, "GET", path, preflighted)).headers["x-cache"]).toBe("MISS");
    expect((await send(server, "GET", path, preflighted)).headers["x-cache"]).toBe("MISS");
    expect((await send(server, "GET", path, preflighted)).headers["x-cache"]).toBe("HIT");
    const simple = await send(server, "GET", path, {});
    expect(simple.status).toBe(400);
    expect(JSON.parse(simple.body).errors[0].message).toMatch(/Cross-Site Request Forgery/);
  });

  it("counts hits in /metrics", async () => {
    const hits = async () => Number(/^newsgate_response_cache_requests_total\{result="hit"\} (\d+)/m.exec(await (await fetch(`${server.url}/metrics`)).text())?.[1] ?? 0);
    const body = JSON.stringify({ query: QUERY, variables: { first: 6 } });
    await send(server, "POST", "/graphql", json, [body]);
    await send(server, "POST", "/graphql", json, [body]);
    const before = await hits();
    await send(server, "POST", "/graphql", json, [body]);
    await send(server, "POST", "/graphql", json, [body]);
    expect((await hits()) - before).toBe(2);
  });
});

describe("the response cache with a list of allowed origins", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off", CORS_ORIGINS: "https://dash.example" });
  });
  afterAll(() => server.stop());

  it("keeps Vary: Origin and answers each origin for itself, on hits too", async () => {
    const body = JSON.stringify({ query: QUERY, variables: { first: 2 } });
    const from = (origin?: string) => send(server, "POST", "/graphql", { ...json, ...(origin ? { origin } : {}) }, [body]);
    const cors = (answer: Answer) => [answer.headers["x-cache"], answer.headers["access-control-allow-origin"], answer.headers.vary];
    expect(cors(await from("https://dash.example"))).toEqual(["MISS", "https://dash.example", "Origin, accept, accept-encoding"]);
    expect(cors(await from("https://dash.example"))).toEqual(["MISS", "https://dash.example", "Origin, accept, accept-encoding"]);
    expect(cors(await from("https://dash.example"))).toEqual(["HIT", "https://dash.example", "Origin, accept, accept-encoding"]);
    expect(cors(await from("https://elsewhere.example"))).toEqual(["HIT", undefined, "Origin, accept, accept-encoding"]);

    // Without an Origin (an app): the front door's hit has the headers the stored answer had.
    const miss = await from();
    const hit = await from();
    expect(cors(miss)).toEqual(["MISS", undefined, "Origin, accept, accept-encoding"]);
    expect({ ...hit.headers, "x-cache": "MISS", "content-length": miss.headers["content-length"] }).toEqual(miss.headers);
  });
});
