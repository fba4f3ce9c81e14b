import { Role } from "../../src/auth/roles";
import { runCli } from "../../src/cli";
import { listApiKeys, revokeApiKey } from "../../src/store";
import { createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const CREATE = 'mutation { createArticle(input: { title: "Auth test" }) { article { title } } }';
const ADD_SOURCE = 'mutation { addSource(input: { url: "https://feeds.example.org/auth.xml" }) { source { url } } }';

const unauthenticated = (reason: string) => ({
  status: 401,
  body: {
    data: null,
    errors: [
      {
        message: `Authentication required: ${reason}. Send \`Authorization: Bearer <api key>\`; keys come from \`newsgate keys create\`.`,
        locations: expect.any(Array),
        path: [expect.any(String)],
        extensions: { code: "UNAUTHENTICATED" },
      },
    ],
  },
});

describe("authentication and roles", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
  });
  afterAll(() => server.stop());

  it("keeps reads public, with or without a key", async () => {
    const read = "{ articles(first: 1) { totalCount } }";
    expect((await gqlAs(server, null, read)).status).toBe(200);
    expect((await gqlAs(server, "ngk_unknown", read)).body.errors).toBeUndefined();
  });

  it("refuses writes without a usable key with 401 UNAUTHENTICATED", async () => {
    expect(await gqlAs(server, null, CREATE)).toEqual(unauthenticated("this operation writes and no API key was sent"));
    expect(await gqlAs(server, "ngk_not-a-key", CREATE)).toEqual(unauthenticated("the API key is unknown or revoked"));
    const response = await fetch(`${server.url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: "Basic dXNlcjpwdw==" },
      body: JSON.stringify({ query: CREATE }),
    });
    expect({ status: response.status, body: await response.json() }).toEqual(unauthenticated("the Authorization header must be `Bearer <api key>`"));
  });

  it("refuses a revoked key with 401", async () => {
    const key = await createKey(server.db, Role.ADMIN, "soon revoked");
    expect((await gqlAs(server, key, CREATE)).status).toBe(200);
    const [info] = (await listApiKeys(server.db)).filter((k) => k.name === "soon revoked");
    expect(await revokeApiKey(server.db, info.id)).toBe(true);
    expect(await gqlAs(server, key, CREATE)).toEqual(unauthenticated("the API key is unknown or revoked"));
  });

  it("lets editors write articles but not sources (403 FORBIDDEN); admins may do both", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    const admin = await createKey(server.db, Role.ADMIN);
    expect(await gqlAs(server, editor, CREATE)).toEqual({ status: 200, body: { data: { createArticle: { article: { title: "Auth test" } } } } });
    expect(await gqlAs(server, editor, ADD_SOURCE)).toEqual({
      status: 403,
      body: {
        data: null,
        errors: [
          {
            message: "Forbidden: this needs an admin key; yours is an editor key.",
            locations: expect.any(Array),
            path: ["addSource"],
            extensions: { code: "FORBIDDEN" },
          },
        ],
      },
    });
    expect(await gqlAs(server, admin, ADD_SOURCE)).toEqual({ status: 200, body: { data: { addSource: { source: { url: "https://feeds.example.org/auth.xml" } } } } });
    expect((await gqlAs(server, admin, CREATE)).status).toBe(200);
  });

  it("checks the key before the input: an invalid input without a key is 401", async () => {
    const result = await gqlAs(server, null, 'mutation { createArticle(input: { title: "", url: "ftp://x" }) { article { title } } }');
    expect(result.status).toBe(401);
  });

  it("records when a key was last used, at most once a minute", async () => {
    const key = await createKey(server.db, Role.EDITOR, "usage");
    const find = async () => (await listApiKeys(server.db)).find((k) => k.name === "usage")!;
    expect((await find()).lastUsedAt).toBeNull();
    await gqlAs(server, key, CREATE);
    const first = (await find()).lastUsedAt;
    expect(first).toBeInstanceOf(Date);
    await gqlAs(server, key, CREATE);
    expect((await find()).lastUsedAt).toEqual(first);
  });

  it("refuses mutations over GET, and CSRF prevention stays on", async () => {
    const key = await createKey(server.db, Role.EDITOR);
    const url = `${server.url}/graphql?query=${encodeURIComponent(CREATE)}`;
    const viaGet = await fetch(url, { headers: { authorization: `Bearer ${key}`, "apollo-require-preflight": "true" } });
    expect(viaGet.status).toBe(405);
    const simple = await fetch(url, { headers: { authorization: `Bearer ${key}` } });
    expect(simple.status).toBe(400);
    expect(await simple.text()).toMatch(/CSRF/);
  });

  it("manages keys from the CLI: create prints the key last, list never shows it, revoke stops it", async () => {
    const env = { DATABASE_URL: server.databaseUrl, LOG_LEVEL: "silent" };
    const out: string[] = [];
    const err: string[] = [];
    const run = (...argv: string[]) => runCli(argv, env, (line) => out.push(line), (line) => err.push(line));

    expect(await run("keys", "create", "--role", "editor", "--name", "CLI editor")).toBe(0);
    const key = out[out.length - 1];
    expect(key).toMatch(/^ngk_[A-Za-z0-9_-]{43}$/);
    expect((await gqlAs(server, key, CREATE)).status).toBe(200);

    out.length = 0;
    expect(await run("keys", "list")).toBe(0);
    expect(out[0]).toBe("id\tname\trole\tcreated\tlast used\trevoked");
    const line = out.find((l) => l.includes("CLI editor"))!;
    expect(line).toMatch(/^#\d+\tCLI editor\teditor\t\d{4}-\d\d-\d\dT[^\t]+\t\d{4}-[^\t]+\t-$/);
    expect(out.join("\n")).not.toContain(key.slice(4));

    const id = /^#(\d+)/.exec(line)![1];
    expect(await run("keys", "revoke", id)).toBe(0);
    expect((await gqlAs(server, key, CREATE)).status).toBe(401);

    expect(await run("keys", "create", "--role", "root")).toBe(2);
    expect(err.pop()).toBe("keys: --role must be one of editor, admin, e.g. keys create --role editor");
    expect(await run("keys", "revoke", "99999")).toBe(1);
    expect(err.pop()).toBe('there is no key #99999: see "keys list"');
  });
});
