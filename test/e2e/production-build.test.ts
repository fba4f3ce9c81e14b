import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onPostgres } from "../helpers/database";

/**
 * The deployable build: package.json, package-lock.json and dist/ (as `npm run build` left it;
 * `npm test` builds first) copied to a directory of their own, the production dependencies
 * installed there with `npm ci --omit=dev`, and the server started with `npm run start:prod`.
 * It must serve from dist/ alone: no build step, no dev dependency, no file of the repository.
 * The server runs on SQLite whichever database the other tests use.
 */
const ROOT = join(__dirname, "..", "..");
const INSTALL_TIMEOUT_MS = 10 * 60_000;
const START_TIMEOUT_MS = 60_000;
const READY = /"url":"(http:\/\/[^"]+)\/graphql"/;

/** The environment without what an enclosing `npm test` set for its own scripts (npm_config_*, npm_lifecycle_*, …). */
function cleanEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (!/^npm_/i.test(name) && name !== "NODE_ENV" && name !== "DATABASE_URL") env[name] = value;
  }
  return { ...env, ...extra };
}

/** Runs a command to its end; rejects with its output when it fails. */
function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`${command} ${args.join(" ")} exited with ${code}:\n${output}`))));
  });
}

const maybe = onPostgres ? describe.skip : describe;

maybe("the production build", () => {
  let dir: string;
  let server: ChildProcessWithoutNullStreams | undefined;
  let exited: Promise<number | null>;
  let closed = false;
  let output = "";
  let url = "";

  beforeAll(async () => {
    if (!existsSync(join(ROOT, "dist", "src", "main.js"))) throw new Error('dist/ is missing: run "npm run build" (npm test does it first)');
    dir = mkdtempSync(join(tmpdir(), "newsgate-prod-"));
    copyFileSync(join(ROOT, "package.json"), join(dir, "package.json"));
    copyFileSync(join(ROOT, "package-lock.json"), join(dir, "package-lock.json"));
    cpSync(join(ROOT, "dist"), join(dir, "dist"), { recursive: true, filter: (source) => !source.endsWith(".tsbuildinfo") });
    // Compiling the native modules takes a core for a minute: at the lowest priority, so that
    // the tests running meanwhile (some of them timed) keep theirs.
    const install = ["npm", "ci", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"];
    const [command, ...args] = existsSync("/usr/bin/nice") ? ["/usr/bin/nice", "-n", "19", ...install] : install;
    await run(command, args, dir, cleanEnv({}));
  }, INSTALL_TIMEOUT_MS);

  afterAll(async () => {
    if (server && !closed) {
      try {
        process.kill(-server.pid!, "SIGKILL");
      } catch {
        // already gone
      }
      await exited;
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("installs no dev dependency", () => {
    // The packages the lock file marks dev-only: the dev dependencies and what only they need.
    const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
    const devOnly = Object.entries(lock.packages)
      .filter(([path, entry]) => path.startsWith("node_modules/") && entry.dev)
      .map(([path]) => path);
    expect(devOnly).toEqual(expect.arrayContaining(["node_modules/typescript", "node_modules/jest", "node_modules/esbuild", "node_modules/graphiql"]));
    expect(devOnly.filter((path) => existsSync(join(dir, path)))).toEqual([]);
    expect(existsSync(join(dir, "node_modules", "fastify"))).toBe(true);
  });

  it(
    "starts with npm run start:prod, seeds an empty SQLite database and answers",
    async () => {
      const env = cleanEnv({
        NODE_ENV: "production",
        PORT: "0",
        HOST: "127.0.0.1",
        DATABASE_URL: `sqlite:${join(dir, "newsgate.sqlite")}`,
        LOG_LEVEL: "info",
        SCHEDULER: "off",
        PLAYGROUND: "true",
      });
      // npm, its shell and the server in a process group of their own, signalled together below.
      const child = spawn("npm", ["run", "--silent", "start:prod"], { cwd: dir, env, detached: true });
      server = child;
      exited = new Promise((resolve) =>
        child.on("close", (code) => {
          closed = true;
          resolve(code);
        }),
      );
      url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`not ready after ${START_TIMEOUT_MS} ms:\n${output}`)), START_TIMEOUT_MS);
        child.stdout.on("data", (chunk) => {
          output += chunk;
          const match = READY.exec(output);
          if (match) {
            clearTimeout(timer);
            resolve(match[1]);
          }
        });
        child.stderr.on("data", (chunk) => (output += chunk));
        void exited.then((code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code} before it was ready:\n${output}`));
        });
      });

      const health = await fetch(`${url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });

      const answer = await fetch(`${url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query: "{ articles(first: 2) { totalCount nodes { title } } }" }),
      });
      expect(answer.status).toBe(200);
      const body = (await answer.json()) as { errors?: unknown; data: { articles: { totalCount: number; nodes: { title: string }[] } } };
      expect(body.errors).toBeUndefined();
      expect(body.data.articles.totalCount).toBe(16);
      expect(body.data.articles.nodes).toHaveLength(2);
      expect(body.data.articles.nodes[0].title).toEqual(expect.any(String));
    },
    START_TIMEOUT_MS + 30_000,
  );

  it("serves the playground bundled into dist/ at build time", async () => {
    expect(url).not.toBe("");
    const page = await fetch(`${url}/graphql`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toBe(readFileSync(join(dir, "dist", "playground", "index.html"), "utf8"));
    const script = /src="(playground\/assets\/[^"]+\.js)"/.exec(html);
    expect(script).not.toBeNull();
    const asset = await fetch(`${url}/${script![1]}`);
    expect(asset.status).toBe(200);
    expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("stops cleanly on SIGTERM", async () => {
    expect(server).toBeDefined();
    // To the whole group, as a service manager does: npm gives up at once, the server finishes
    // its requests, logs "stopped" and exits; the pipes close when the last process is gone.
    process.kill(-server!.pid!, "SIGTERM");
    await exited;
    const messages = output
      .split("\n")
      .filter((line) => line.startsWith("{"))
      .map((line) => JSON.parse(line).msg);
    expect(messages).toEqual(expect.arrayContaining(["empty database: loaded the seed data", "shutting down: finishing in-flight requests", "stopped"]));
    // Nothing of the group is left (the pipes may close a moment before the last exit).
    const groupAlive = () => {
      try {
        process.kill(-server!.pid!, 0);
        return true;
      } catch {
        return false;
      }
    };
    const until = Date.now() + 10_000;
    while (groupAlive() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(groupAlive()).toBe(false);
  });
});
