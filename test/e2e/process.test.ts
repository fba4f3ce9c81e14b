import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createTestDatabase, onPostgres, type TestDatabase } from "../helpers/database";
import { runNode, startNode } from "../helpers/process";

describe("the newsgate process", () => {
  let dir: string;
  let store: TestDatabase;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "newsgate-e2e-"));
    store = await createTestDatabase();
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await store.drop();
  });

  it("refuses a bad setting with a message that says what to fix", async () => {
    const result = await runNode("main.js", [], { PORT: "abc", DATABASE_URL: `sqlite:${join(dir, "db.sqlite")}` });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe(
      "Invalid configuration:\n  - PORT=abc is not a port number: use a whole number from 0 to 65535, e.g. PORT=4000\n",
    );
  });

  it("seeds an empty database, serves it, and stops cleanly on SIGTERM", async () => {
    const env = { PORT: "0", HOST: "127.0.0.1", DATABASE_URL: onPostgres ? store.url : `sqlite:${join(dir, "data", "newsgate.sqlite")}`, LOG_LEVEL: "info", SCHEDULER: "off" };
    const server = await startNode("main.js", env, /Newsgate serves (http:\/\/[^/]+)\/graphql/);
    const url = server.match[1];
    const response = await fetch(`${url}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ articles(first: 1) { totalCount } }" }),
    });
    expect(await response.json()).toEqual({ data: { articles: { totalCount: 16 } } });

    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    const lines = server.output().trim().split("\n").map((line) => JSON.parse(line));
    expect(lines.map((l) => l.msg)).toEqual(expect.arrayContaining(["empty database: loaded the seed data", "shutting down: finishing in-flight requests", "stopped"]));
    expect(lines.find((l) => l.msg === "request completed")).toEqual(
      expect.objectContaining({ reqId: expect.any(String), req: { method: "POST", url: "/graphql" }, res: { statusCode: 200 } }),
    );
  });

  it("seeds on demand from the CLI, idempotently", async () => {
    const env = { DATABASE_URL: store.url };
    const first = await runNode("cli.js", ["seed"], env);
    expect(first).toEqual({ code: 0, stdout: "seed: 16 created, 0 updated, 0 unchanged\n", stderr: "loading seed data …\n" });
    const second = await runNode("cli.js", ["seed"], env);
    expect(second.stdout).toBe("seed: 0 created, 0 updated, 16 unchanged\n");
  });

  it("explains an unknown command", async () => {
    const result = await runNode("cli.js", ["frobnicate"], {});
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^newsgate: unknown command "frobnicate"\n\nUsage: newsgate <command>/);
  });
});
