import { createHash } from "node:crypto";
import { startTestServer, type TestServer } from "../helpers/server";

const get = (server: TestServer, query: string, headers: Record<string, string> = {}, extensions?: unknown) => {
  const params = new URLSearchParams(query ? { query } : {});
  if (extensions) params.set("extensions", JSON.stringify(extensions));
  return fetch(`${server.url}/graphql?${params}`, { headers: { "apollo-require-preflight": "true", ...headers } });
};

describe("HTTP caching", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
  });
  afterAll(() => server.stop());

  it("gives GET answers a lifetime and a strong ETag, and answers 304 when the client has them", async () => {
    const query = "{ articles(first: 2) { nodes { title } } }";
    const first = await get(server, query);
    expect(first.status).toBe(200);
    expect(first.headers.get("cache-control")).toBe("max-age=60, public");
    const etag = first.headers.get("etag");
    expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}"$/);
    const body = await first.text();
    expect(etag).toBe(`"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`);

    const again = await get(server, query, { "if-none-match": etag as string });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect((await get(server, query, { "if-none-match": '"other"' })).status).toBe(200);
  });

  it("gives each encoding its own ETag and answers 304 for it, from the cache too", async () => {
    const query = "{ articles(first: 16) { nodes { title teaser images { alt credit } } } }";
    // The answer is stored the second time it is computed; from then on it comes from the cache.
    for (const expected of ["MISS", "MISS", "HIT"]) {
      const response = await get(server, query, { "accept-encoding": "br" });
      expect([response.status, response.headers.get("content-encoding"), response.headers.get("x-cache")]).toEqual([200, "br", expected]);
      const etag = response.headers.get("etag") as string;
      expect(etag).toMatch(/^"[A-Za-z0-9_-]{32}-br"$/);
      const again = await get(server, query, { "accept-encoding": "br", "if-none-match": etag });
      expect(again.status).toBe(304);
    }
  });

  it("does not let shared caches keep source health", async () => {
    const response = await get(server, "{ sources { name lastFetchedAt consecutiveFailures } }");
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const names = await get(server, "{ sources { name } }");
    expect(names.headers.get("cache-control")).toBe("max-age=60, public");
  });

  it("finds source health behind fragments, interfaces and aliases, and never lets mutations be kept", async () => {
    const sourceId = (await server.gql("{ sources { id } }")).data.sources[0].id;
    const policies = [];
    for (const query of [
      "{ sources { ...health } } fragment health on Source { name lastError }",
      "{ sources { ... on Source { nextFetchAt } } }",
      `{ node(id: "${sourceId}") { id ... on Source { failures: consecutiveFailures } } }`,
      `{ node(id: "${sourceId}") { id ... on Source { name } } }`,
    ]) {
      const response = await get(server, query);
      expect(response.status).toBe(200);
      policies.push(response.headers.get("cache-control"));
    }
    expect(policies).toEqual(["no-store", "no-store", "no-store", "max-age=60, public"]);
    const mutation = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: 'mutation { deleteArticle(input: { id: "x" }) { deletedId } }' }),
    });
    expect(mutation.headers.get("cache-control")).toBe("no-store");
  });

  it("serves automatic persisted queries, so GETs can carry a hash instead of the query", async () => {
    const query = "{ tag(slug: \"familie\") { name } }";
    const persistedQuery = { version: 1, sha256Hash: createHash("sha256").update(query).digest("hex") };
    const unknown = await get(server, "", {}, { persistedQuery });
    expect(await unknown.json()).toEqual({
      errors: [expect.objectContaining({ message: "PersistedQueryNotFound", extensions: expect.objectContaining({ code: "PERSISTED_QUERY_NOT_FOUND" }) })],
    });
    const register = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query, extensions: { persistedQuery } }),
    });
    expect(await register.json()).toEqual({ data: { tag: { name: "Familie" } } });
    const byHash = await get(server, "", {}, { persistedQuery });
    expect(byHash.status).toBe(200);
    expect(byHash.headers.get("etag")).toMatch(/^"/);
    expect(await byHash.json()).toEqual({ data: { tag: { name: "Familie" } } });
  });
});
