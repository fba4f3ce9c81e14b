import { readdirSync, readFileSync } from "node:fs";
import { extname, join } from "node:path";
import { findPlaygroundDir } from "../../src/http/playground-bundle";
import { startTestServer, type TestServer } from "../helpers/server";

/** What a browser sends when it opens an address. */
const BROWSER = { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" };
const OFF_TEXT =
  "The GraphQL playground is off on this server. Start it with PLAYGROUND=true to turn it on, " +
  "or send GraphQL requests as POST with content-type: application/json.\n";
const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
};
const INTROSPECTION = "{ __schema { queryType { name } } }";

const bundleDir = findPlaygroundDir(join(__dirname, "..", "..", "src", "http"));
if (!bundleDir) throw new Error("dist/playground is missing: run `npm run build` first");
const assetsDir = join(bundleDir, "assets");

/** Status, content type and body of a GET; the body as text. */
async function get(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  return { status: response.status, type: response.headers.get("content-type"), body: await response.text() };
}

async function introspect(server: TestServer) {
  const result = await server.gql(INTROSPECTION);
  return result.errors ? result.errors.map((e) => e.extensions?.code) : result.data;
}

describe("the playground, on by default outside production", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("serves the page to a browser opening /graphql", async () => {
    const response = await fetch(`${server.url}/graphql`, { headers: BROWSER });
    expect({
      status: response.status,
      type: response.headers.get("content-type"),
      cache: response.headers.get("cache-control"),
      vary: response.headers.get("vary"),
      csp: response.headers.get("content-security-policy"),
      body: await response.text(),
    }).toEqual({
      status: 200,
      type: "text/html; charset=utf-8",
      cache: "no-cache",
      vary: "accept",
      csp: expect.stringMatching(/^default-src 'self'; script-src 'self'; /),
      body: readFileSync(join(bundleDir!, "index.html"), "utf8"),
    });
  });

  it("serves every asset the page links, with its content type", async () => {
    const page = `${server.url}/graphql`;
    const html = (await get(page, BROWSER)).body;
    const links = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => new URL(m[1], page));
    expect(links.map((url) => extname(url.pathname)).sort()).toEqual([".css", ".js", ".svg"]);
    for (const url of links) {
      const file = join(assetsDir, url.pathname.slice("/playground/assets/".length));
      expect({ url: url.href, ...(await get(url.href)) }).toEqual({
        url: url.href,
        status: 200,
        type: CONTENT_TYPES[extname(url.pathname)],
        body: readFileSync(file, "utf8"),
      });
    }
  });

  it("serves every file of the bundle, the lazy chunks and Monaco's workers included", async () => {
    const files = readdirSync(assetsDir).filter((name) => !name.endsWith(".gz"));
    expect(files.filter((name) => name.includes(".worker-")).map((name) => name.split(".")[0]).sort()).toEqual([
      "editor",
      "graphql",
      "json",
    ]);
    for (const name of files) {
      const response = await fetch(`${server.url}/playground/assets/${name}`);
      const body = Buffer.from(await response.arrayBuffer());
      expect({ name, status: response.status, type: response.headers.get("content-type"), same: body.equals(readFileSync(join(assetsDir, name))) }).toEqual({
        name,
        status: 200,
        type: CONTENT_TYPES[extname(name)],
        same: true,
      });
    }
  });

  it("sends scripts gzipped to clients that accept it, for a year of caching", async () => {
    const script = readdirSync(assetsDir).find((name) => name.startsWith("main-") && name.endsWith(".js"))!;
    const headersFor = async (encoding: string) => {
      const response = await fetch(`${server.url}/playground/assets/${script}`, { headers: { "accept-encoding": encoding } });
      await response.arrayBuffer();
      return ["content-encoding", "cache-control", "vary"].map((h) => response.headers.get(h));
    };
    expect(await headersFor("gzip, br")).toEqual(["gzip", "public, max-age=31536000, immutable", "accept-encoding"]);
    expect(await headersFor("identity")).toEqual([null, "public, max-age=31536000, immutable", "accept-encoding"]);
  });

  it("answers 404 for a file the build did not make", async () => {
    for (const path of ["/playground/assets/nothing.js", "/playground/assets/..%2Findex.html", "/playground/assets/"]) {
      expect((await get(`${server.url}${path}`)).status).toBe(404);
    }
  });

  it("still runs a GraphQL query sent by GET, from a browser too", async () => {
    const url = `${server.url}/graphql?query=${encodeURIComponent("{ tag(slug: \"integration\") { name articleCount } }")}`;
    expect(await get(url, { ...BROWSER, "apollo-require-preflight": "true" })).toEqual({
      status: 200,
      type: "application/json; charset=utf-8",
      body: JSON.stringify({ data: { tag: { name: "Integration", articleCount: 1 } } }) + "\n",
    });
  });

  it("keeps Apollo's CSRF prevention for a GET query without a preflight header", async () => {
    const response = await get(`${server.url}/graphql?query=${encodeURIComponent("{ __typename }")}`, BROWSER);
    expect({ ...response, body: JSON.parse(response.body) }).toEqual({
      status: 400,
      type: "application/json; charset=utf-8",
      body: { errors: [{ message: expect.stringContaining("Cross-Site Request Forgery"), extensions: { code: "BAD_REQUEST" } }] },
    });
  });

  it("leaves a GET that does not ask for HTML to Apollo", async () => {
    const response = await get(`${server.url}/graphql`, { accept: "application/json", "apollo-require-preflight": "true" });
    expect({ ...response, body: JSON.parse(response.body) }).toEqual({
      status: 400,
      type: "application/json; charset=utf-8",
      body: { errors: [{ message: expect.stringContaining("non-empty `query`"), extensions: { code: "BAD_REQUEST" } }] },
    });
  });

  it("answers introspection, which the docs explorer needs", async () => {
    expect(await introspect(server)).toEqual({ __schema: { queryType: { name: "Query" } } });
  });
});

describe("the playground switches", () => {
  const cases: [string, Record<string, string>, { page: number; introspection: unknown }][] = [
    ["NODE_ENV=production turns both off", { NODE_ENV: "production" }, { page: 406, introspection: ["GRAPHQL_VALIDATION_FAILED"] }],
    ["PLAYGROUND=true turns both on in production", { NODE_ENV: "production", PLAYGROUND: "true" }, { page: 200, introspection: { __schema: { queryType: { name: "Query" } } } }],
    ["INTROSPECTION=false overrides the playground", { PLAYGROUND: "true", INTROSPECTION: "false" }, { page: 200, introspection: ["GRAPHQL_VALIDATION_FAILED"] }],
    ["PLAYGROUND=false turns both off outside production", { PLAYGROUND: "false" }, { page: 406, introspection: ["GRAPHQL_VALIDATION_FAILED"] }],
  ];

  it.each(cases)("%s", async (_name, env, expected) => {
    const server = await startTestServer(env);
    try {
      const page = await get(`${server.url}/graphql`, BROWSER);
      expect({ page: page.status, introspection: await introspect(server) }).toEqual(expected);
    } finally {
      await server.stop();
    }
  });

  it("says plainly how to turn it on when it is off, and serves no assets", async () => {
    const server = await startTestServer({ NODE_ENV: "production" });
    try {
      const script = readdirSync(assetsDir).find((name) => name.endsWith(".js"))!;
      expect(await get(`${server.url}/graphql`, BROWSER)).toEqual({ status: 406, type: "text/plain; charset=utf-8", body: OFF_TEXT });
      expect((await get(`${server.url}/playground/assets/${script}`)).status).toBe(404);
      expect(await server.gql("{ tag(slug: \"integration\") { name } }")).toEqual({ data: { tag: { name: "Integration" } } });
    } finally {
      await server.stop();
    }
  });
});
