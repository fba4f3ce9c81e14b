#!/usr/bin/env node
// Load with faults: 50 connections of mixed read queries against the compiled server while
// a separate CLI process ingests growing feeds from a local feed server; the server gets
// SIGTERM midway and is started again on the same database. Exits 1 when a check fails.
// Settings: LOAD_SECONDS (default 60), LOAD_CONNECTIONS (default 50).
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const { sqliteDriver } = await import(join(ROOT, "dist/src/db/sqlite-driver.js"));
const Database = sqliteDriver();
const MAIN = join(ROOT, "dist", "src", "main.js");
const CLI = join(ROOT, "dist", "src", "cli.js");
const SECONDS = wholeNumber("LOAD_SECONDS", 60);
const CONNECTIONS = wholeNumber("LOAD_CONNECTIONS", 50);
const FEEDS = 4;
const GROW_EVERY_MS = 3000;
const ITEMS_PER_GROWTH = 3;
const FEED_WINDOW = 40;

function wholeNumber(name, fallback) {
  const text = process.env[name];
  if (text === undefined || text === "") return fallback;
  if (!/^\d+$/.test(text) || Number(text) < 5) {
    console.error(`${name}=${text} is not understood: use a whole number of at least 5`);
    process.exit(2);
  }
  return Number(text);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (line) => console.log(`[load ${((Date.now() - started) / 1000).toFixed(1).padStart(5)} s] ${line}`);
const started = Date.now();

/** A free port on 127.0.0.1, so the restarted server answers at the same address. */
function freePort() {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

/** Feeds that gain items every few seconds; remembers the guids each complete answer carried. */
function startFeedServer() {
  const born = Date.now();
  const lastServed = new Map();
  const itemsOf = (feed) => {
    const total = 5 + Math.floor((Date.now() - born) / GROW_EVERY_MS) * ITEMS_PER_GROWTH;
    const items = [];
    for (let i = total - 1; i >= Math.max(0, total - FEED_WINDOW); i--) items.push(i);
    return items.map((i) => ({ guid: `load-${feed}-${i}`, i }));
  };
  const server = http.createServer((req, res) => {
    const match = /^\/feed-(\d+)\.xml$/.exec(req.url ?? "");
    if (!match) return res.writeHead(404).end();
    const feed = Number(match[1]);
    const items = itemsOf(feed);
    const body = `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Load feed ${feed}</title><link>https://load.example.org/${feed}/</link>${items
      .map(({ guid, i }) =>
        `<item><title>Meldung ${i} aus Quelle ${feed}</title><link>https://load.example.org/${feed}/${i}</link><guid>${guid}</guid>` +
        `<pubDate>${new Date(born + i * 1000).toUTCString()}</pubDate><description>Die Stadt berichtet über Nummer ${i}.</description>` +
        `<category>quelle-${feed}</category><category>last</category></item>`)
      .join("")}</channel></rss>`;
    res.on("finish", () => lastServed.set(req.url, items.map((item) => item.guid)));
    res.writeHead(200, { "content-type": "application/rss+xml" }).end(body);
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}`, lastServed, close: () => server.close() })),
  );
}

function runCli(args, env) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the server and resolves once /healthz answers 200. */
async function startServer(env, url) {
  const child = spawn(process.execPath, [MAIN], { env, stdio: ["ignore", "ignore", "pipe"] });
  let output = "";
  child.stderr.on("data", (chunk) => (output = (output + chunk).slice(-4000)));
  let exitCode;
  const exited = new Promise((done) => child.on("close", (code, signal) => done((exitCode = signal ?? code))));
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(50)) {
    if (exitCode !== undefined) throw new Error(`the server exited with ${exitCode} before it served:\n${output}`);
    const healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return { child, exited };
  }
  child.kill("SIGKILL");
  throw new Error(`the server did not answer /healthz within 30 s:\n${output}`);
}

const READS = [
  "{ articles(first: 10) { totalCount pageInfo { hasNextPage endCursor } nodes { id slug title teaser publishedAt source { name } tags { name slug } } } }",
  "{ articles(first: 5, filter: { tags: [\"last\"] }) { totalCount edges { cursor node { title } } } }",
  "{ search(query: \"Stadt\", first: 5) { totalCount edges { score snippet node { title } } } }",
  "{ facets(filter: { language: \"de\" }) { tags(first: 5) { tag { slug } count } sources { source { name } count } } }",
  "{ tag(slug: \"integration\") { name articleCount articles(first: 5) { nodes { title } } } }",
  "{ sources { name kind articleCount lastFetchedAt } }",
  "{ changes(first: 20) { articles { id title } nextSince hasMore } }",
  "{ articles(last: 5) { nodes { title related(first: 3) { title } images { url } links { url } } } }",
];

async function main() {
  const dir = mkdtempSync(join(tmpdir(), "newsgate-load-"));
  const dbPath = join(dir, "newsgate.sqlite");
  const feeds = await startFeedServer();
  const port = await freePort();
  const env = {
    ...process.env,
    DATABASE_URL: `sqlite:${dbPath}`,
    PORT: String(port),
    HOST: "127.0.0.1",
    LOG_LEVEL: "warn",
    SCHEDULER: "off",
    FETCH_ALLOW_HOSTS: "127.0.0.1",
    RATE_LIMIT_POINTS: "1000000000",
    RATE_LIMIT_EXTENSIONS: "off",
  };
  const problems = [];
  const url = `http://127.0.0.1:${port}`;
  log(`${SECONDS} s, ${CONNECTIONS} connections, server at ${url}, database ${dbPath}`);

  let server = await startServer(env, url);
  const sourceIds = [];
  for (let feed = 0; feed < FEEDS; feed++) {
    const added = await runCli(["sources", "add", `${feeds.url}/feed-${feed}.xml`, "--interval", "60"], env);
    const id = /added source #(\d+)/.exec(added.stdout)?.[1];
    if (added.code !== 0 || !id) throw new Error(`sources add failed:\n${added.stdout}${added.stderr}`);
    sourceIds.push({ id: Number(id), path: `/feed-${feed}.xml` });
  }

  // The writer: one `ingest --once --source` at a time, round robin, for as long as the load runs.
  const committed = new Map(sourceIds.map((s) => [s.id, new Set()]));
  const writer = { runs: 0, failed: [], created: 0, updated: 0, stop: false };
  const writing = (async () => {
    for (let turn = 0; !writer.stop; turn++) {
      const source = sourceIds[turn % sourceIds.length];
      const result = await runCli(["ingest", "--once", "--source", String(source.id)], env);
      writer.runs++;
      const counts = /: (?:new|updated|unchanged) \((\d+) new, (\d+) updated/.exec(result.stdout);
      if (result.code !== 0 || !counts) {
        writer.failed.push(`${result.stdout}${result.stderr}`.trim().split("\n").slice(-2).join(" / "));
        continue;
      }
      writer.created += Number(counts[1]);
      writer.updated += Number(counts[2]);
      for (const guid of feeds.lastServed.get(source.path) ?? []) committed.get(source.id).add(guid);
    }
  })();

  // The readers, with a restart in the middle.
  const statuses = new Map();
  const errors = new Map();
  let down = null;
  const downWindows = [];
  const load = autocannon({
    url,
    connections: CONNECTIONS,
    duration: SECONDS,
    timeout: 10,
    requests: READS.map((query) => ({ method: "POST", path: "/graphql", headers: { "content-type": "application/json" }, body: JSON.stringify({ query }) })),
  });
  const restarting = () => down !== null || Date.now() - (downWindows.at(-1)?.end ?? 0) < 1000;
  load.on("response", (_client, status) => {
    // Fastify answers 503 with Connection: close to requests that arrive on a kept-alive
    // connection while it closes: the drain of a graceful shutdown, like a refused connection.
    if (status === 503 && restarting()) errors.set("HTTP 503 (while restarting)", (errors.get("HTTP 503 (while restarting)") ?? 0) + 1);
    else statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  load.on("reqError", (error) => {
    const kind = `${error.code ?? error.message}${restarting() ? " (while restarting)" : ""}`;
    errors.set(kind, (errors.get(kind) ?? 0) + 1);
  });
  const loadDone = new Promise((resolve) => load.on("done", resolve));

  await sleep(SECONDS * 400);
  log("SIGTERM to the server");
  down = { start: Date.now() };
  server.child.kill("SIGTERM");
  const firstExit = await server.exited;
  if (firstExit !== 0) problems.push(`the server exited with ${firstExit} after SIGTERM instead of 0`);
  server = await startServer(env, url);
  down.end = Date.now();
  downWindows.push(down);
  log(`restarted after ${down.end - down.start} ms down`);
  down = null;

  const result = await loadDone;
  writer.stop = true;
  await writing;
  server.child.kill("SIGTERM");
  const lastExit = await server.exited;
  if (lastExit !== 0) problems.push(`the server exited with ${lastExit} after the final SIGTERM instead of 0`);
  feeds.close();

  // Checks.
  const db = new Database(dbPath, { readonly: true });
  const integrity = db.pragma("integrity_check", { simple: true });
  if (integrity !== "ok") problems.push(`PRAGMA integrity_check: ${integrity}`);
  let missing = 0;
  let stored = 0;
  for (const { id } of sourceIds) {
    const guids = new Set(db.prepare("SELECT guid FROM articles WHERE source_id = ?").all(id).map((row) => row.guid));
    stored += guids.size;
    for (const guid of committed.get(id)) if (!guids.has(guid)) missing++;
  }
  const totalArticles = db.prepare("SELECT count(*) AS n FROM articles").get().n;
  db.close();
  const committedCount = [...committed.values()].reduce((sum, set) => sum + set.size, 0);
  if (missing > 0) problems.push(`${missing} of ${committedCount} articles reported committed are missing`);
  if (stored !== committedCount) problems.push(`${stored} feed articles stored but ${committedCount} reported committed`);
  if (writer.created !== committedCount) problems.push(`the CLI reported ${writer.created} new articles but ${committedCount} distinct items were committed`);
  if (writer.failed.length > 0) problems.push(`${writer.failed.length} ingest runs failed, e.g. ${writer.failed[0]}`);
  for (const [status, count] of statuses) if (status >= 500) problems.push(`${count} responses with HTTP ${status}`);
  for (const [status, count] of statuses) if (status < 500 && status !== 200) problems.push(`${count} unexpected responses with HTTP ${status}`);
  for (const [kind, count] of errors) if (!kind.endsWith("(while restarting)")) problems.push(`${count} request errors (${kind}) while the server was up`);
  if ((statuses.get(200) ?? 0) === 0) problems.push("no request was served");

  const byStatus = [...statuses].sort().map(([s, n]) => `${s}: ${n}`).join(", ") || "none";
  if (result.timeouts > 0) errors.set("timeout after 10 s", result.timeouts);
  const byError = [...errors].sort().map(([k, n]) => `${k}: ${n}`).join(", ") || "none";
  console.log("");
  console.log(`requests served:   ${statuses.get(200) ?? 0} (HTTP ${byStatus}); ${Math.round(result.requests.average)} req/s, latency p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms`);
  console.log(`errors by kind:    ${byError}`);
  console.log(`articles written:  ${writer.created} new, ${writer.updated} updated in ${writer.runs} ingest runs (${writer.failed.length} failed); ${stored} feed articles stored, ${totalArticles} articles in all`);
  console.log(`restart:           down ${downWindows.map((w) => w.end - w.start).join(", ")} ms; integrity_check ${integrity}; ${missing} committed articles missing`);
  console.log(problems.length === 0 ? "load test passed" : `load test FAILED:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
  rmSync(dir, { recursive: true, force: true });
  process.exit(problems.length === 0 ? 0 : 1);
}

main().catch((error) => {
  console.error(`load test could not run: ${error.stack ?? error}`);
  process.exit(1);
});
