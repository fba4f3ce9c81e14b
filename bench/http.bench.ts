import "reflect-metadata";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import autocannon from "autocannon";
import { NOUNS } from "../src/generate/vocabulary";
import { benchDatabase } from "./search.bench";

/** The front page: articles with tags, images, links, source and related (with their images). */
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

const DURATION_SECONDS = 10;
/**
 * Each row first runs the same load this long, unrecorded: the figures are of a server in its
 * stride, past compiling its code, a query text's first runs through Apollo before the front
 * door runs it prepared, and the first reads of what the caches keep.
 */
const WARMUP_SECONDS = 3;
const CONNECTIONS = 10;

interface Row {
  name: string;
  requestsPerSecond: number;
  /** B0's requests per second measured just before this row. */
  b0?: number;
  p50: number;
  p99: number;
  bytesPerResponse: number;
  non2xx: number;
}

/** Runs a child process pinned to one core (where taskset exists) and waits for its "ready" line. */
function startPinned(core: number, args: string[], env: Record<string, string>, ready: RegExp): Promise<{ child: ChildProcess; url: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn("taskset", ["-c", String(core), process.execPath, ...args], { env: { ...process.env, ...env } });
    let output = "";
    const onOutput = (chunk: Buffer) => {
      output += chunk;
      const match = ready.exec(output);
      if (!match) return;
      // From here on the server's output is read and dropped, so the load generator spends nothing on it.
      child.stdout?.off("data", onOutput).resume();
      child.stderr?.off("data", onOutput).resume();
      resolve({ child, url: match[1] });
    };
    child.stdout?.on("data", onOutput);
    child.stderr?.on("data", onOutput);
    child.on("exit", (code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}

async function load(name: string, url: string, requests: autocannon.Request[], connections = CONNECTIONS): Promise<Row> {
  // autocannon 8 takes `warmup`; its type definitions do not list it yet.
  const options: autocannon.Options & { warmup: { connections: number; duration: number } } = {
    url,
    connections,
    duration: DURATION_SECONDS,
    requests,
    pipelining: 1,
    warmup: { connections, duration: WARMUP_SECONDS },
  };
  const result = await autocannon(options);
  return {
    name,
    requestsPerSecond: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    bytesPerResponse: Math.round(result.throughput.total / Math.max(1, result.requests.total)),
    non2xx: result.non2xx + result.errors,
  };
}

const SEARCH_PAGE = "query ($q: String!) { search(query: $q, first: 20) { edges { score node { id title } } } }";
/** A random noun of the article generator's vocabulary. */
const word = () => NOUNS[Math.floor(Math.random() * NOUNS.length)];

const post = (query: string, variables: () => Record<string, unknown>): autocannon.Request => ({
  method: "POST",
  path: "/graphql",
  headers: { "content-type": "application/json" },
  setupRequest: (request) => ({ ...request, body: JSON.stringify({ query, variables: variables() }) }),
});

/**
 * HTTP throughput against a bare Node server, in one run. B0 writes the exact bytes of the
 * front-page response; it is measured first, and again just before every other row, which is
 * compared with that measurement (the machine's speed drifts). S1 sends the front page again
 * and again. S2 changes a variable on every request so the response cache cannot answer
 * (then asks for random pages, then runs with prepared queries off, then with the read cache
 * off). S3 counts SQL statements per request by page size, cold. B0 with 0.5 ms of CPU per request
 * gives the latency floor for S4's p99 on the machine. S4 runs search (the same
 * search, then random ones) and tag pages over the generated 100k-article database, then the
 * random searches on a bare server that only finds their pages (their floor), then ranked
 * by bm25(). Servers are pinned to core 0 and this load generator to core 1.
 */
/** The server as `npm run build` compiled it (this file runs from dist-dev/bench/). */
const SERVER = join(__dirname, "..", "..", "dist", "src", "main.js");

export async function runHttpBench(): Promise<void> {
  spawn("taskset", ["-cp", "1", String(process.pid)]).on("error", () => undefined);
  const env = { PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", SCHEDULER: "off", NODE_ENV: "production", RATE_LIMIT_POINTS: "1000000000" };
  const ready = /"url":"(http:\/\/[^"]+)\/graphql"/;
  const database = await benchDatabase(10_000);
  const server = await startPinned(0, [SERVER], { ...env, LOG_LEVEL: "info", DATABASE_URL: `sqlite:${database}` }, ready);
  const rows: Row[] = [];
  const statements: Record<number, number> = {};
  let bare: { child: ChildProcess; url: string } | undefined;
  let frontPageRequest: autocannon.Request | undefined;
  let bodyOfB0 = "";
  /** One row, with B0 measured again just before it: the machine's speed drifts between rows. */
  const measure = async (name: string, url: string, requests: autocannon.Request[]) => {
    const b0 = bare && frontPageRequest ? (await load("B0", bare.url, [frontPageRequest])).requestsPerSecond : undefined;
    rows.push({ ...(await load(name, url, requests)), b0 });
  };
  try {
    const graphql = `${server.url}/graphql`;
    const frontPage = await fetch(graphql, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: FRONT_PAGE, variables: { first: 20 } }) });
    bodyOfB0 = Buffer.from(await frontPage.arrayBuffer()).toString("base64");
    bare = await startPinned(0, ["-e", BARE_SERVER], { BODY: bodyOfB0 }, /listening (http:\/\/\S+)/);
    // It serves B0 next to every row, to the end of the run.
    const { child } = bare;
    process.once("exit", () => child.kill());
    // B0 and S1 receive the very same request, made once: the load generator does the same work for both.
    frontPageRequest = {
      method: "POST",
      path: "/graphql",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: FRONT_PAGE, variables: { first: 20 } }),
    };
    const first = await load("B0 bare node:http", bare.url, [frontPageRequest]);
    rows.push({ ...first, b0: first.requestsPerSecond });
    await measure("S1 hot front page", server.url, [frontPageRequest]);
    // What a mobile client gets: the same hit, sent from the brotli bytes kept beside the entry.
    const brotliRequest = { ...frontPageRequest, headers: { ...frontPageRequest.headers, "accept-encoding": "br" } };
    await measure("S1 hot, brotli", server.url, [brotliRequest]);
    // A variable the operation does not use, new on every request: the response cache cannot answer.
    let n = 0;
    await measure("S2 cold front page", server.url, [post(FRONT_PAGE, () => ({ first: 20, request: n++ }))]);
    // Pages anywhere in the list, every request another one: the read cache holds only what earlier pages read.
    const cursors = await listCursors(graphql);
    await measure("S2 random pages", server.url, [post(FRONT_PAGE, () => ({ first: 20, after: cursors[Math.floor(Math.random() * cursors.length)], request: n++ }))]);
  } finally {
    server.child.kill("SIGTERM");
  }
  // The same as S2 with every miss answered by Apollo's pipeline: no prepared queries at the front door.
  const throughApollo = await startPinned(0, [SERVER], { ...env, LOG_LEVEL: "info", PREPARED_QUERIES: "0", DATABASE_URL: `sqlite:${database}` }, ready);
  try {
    let n = 0;
    await measure("S2, prepared off", throughApollo.url, [post(FRONT_PAGE, () => ({ first: 20, request: n++ }))]);
  } finally {
    throughApollo.child.kill("SIGTERM");
  }
  // The same as S2 with the read cache off: every request reads all it shows from SQLite.
  const uncached = await startPinned(0, [SERVER], { ...env, LOG_LEVEL: "info", READ_CACHE_ENTRIES: "0", DATABASE_URL: `sqlite:${database}` }, ready);
  try {
    // Counted first, while nothing else runs on the server, with nothing kept between requests.
    for (const first of [5, 20, 50, 100]) statements[first] = await statementsPerRequest(uncached.url, first);
    let n = 0;
    await measure("S2, read cache off", uncached.url, [post(FRONT_PAGE, () => ({ first: 20, request: n++ }))]);
  } finally {
    uncached.child.kill("SIGTERM");
  }

  // The latency floor for S4's p99: B0 with half a millisecond of CPU per request, about what a
  // repeated search or a tag page costs the server, under the same ten connections.
  if (frontPageRequest) {
    const busy = await startPinned(0, ["-e", BARE_SERVER], { BODY: bodyOfB0, BUSY_US: "500" }, /listening (http:\/\/\S+)/);
    try {
      await measure("B0, 0.5 ms CPU each", busy.url, [frontPageRequest]);
    } finally {
      busy.child.kill();
    }
  }

  const big = await benchDatabase(100_000);
  const search = await startPinned(0, [SERVER], { ...env, LOG_LEVEL: "info", DATABASE_URL: `sqlite:${big}` }, ready);
  let m = 0;
  const randomWords = post(SEARCH_PAGE, () => ({ q: `${word()} ${word()}`, request: m++ }));
  let wordsAnswer = "";
  try {
    // Every request new (an unused variable changes), so each runs its search or filter.
    await measure("S4 search (100k)", search.url, [post(SEARCH_PAGE, () => ({ q: "\"neue brücke\"", request: m++ }))]);
    // Two random words of the generator's 70 nouns on every request: early in the row most are new (4,900 pairs); a pair asked again comes from the read cache.
    await measure("S4 search, random words", search.url, [randomWords]);
    const answer = await fetch(`${search.url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: SEARCH_PAGE, variables: { q: "stadt verkehr" } }) });
    wordsAnswer = Buffer.from(await answer.arrayBuffer()).toString("base64");
    await measure("S4 tag page (100k)", search.url, [post('{ articles(first: 20, filter: { tags: ["energie"] }) { nodes { id title tags { slug } } } }', () => ({ request: m++ }))]);
  } finally {
    search.child.kill("SIGTERM");
  }
  // The floor for the random searches: a bare server that only finds each search's page, as the resolver does.
  const floor = await startPinned(0, [join(__dirname, "search-floor-server.js")], { ...env, BODY: wordsAnswer, DATABASE_URL: `sqlite:${big}` }, /listening (http:\/\/\S+)/);
  try {
    await measure("S4 floor, random words", floor.url, [randomWords]);
  } finally {
    floor.child.kill();
  }
  // The random searches again, ranked by SQLite's bm25(), which counts every word's matches on each search.
  const uncounted = await startPinned(0, [SERVER], { ...env, LOG_LEVEL: "info", SQLITE_RANK_EXTENSION: "off", DATABASE_URL: `sqlite:${big}` }, ready);
  try {
    await measure("S4 random words, bm25()", uncounted.url, [randomWords]);
  } finally {
    uncounted.child.kill("SIGTERM");
  }

  bare?.child.kill();
  console.log(`\nHTTP benchmark: ${CONNECTIONS} connections, ${DURATION_SECONDS} s each after ${WARMUP_SECONDS} s unrecorded, server on core 0, load on core 1`);
  console.log("Each row's ratio is to B0 measured just before it (the \"B0 next\" column): the machine's speed drifts.");
  console.log("| row                      |   req/s | p50 ms | p99 ms | bytes/resp | B0 next | vs B0  | non-2xx |");
  console.log("|--------------------------|---------|--------|--------|------------|---------|--------|---------|");
  for (const row of rows) {
    const base = row.b0 ?? rows[0].requestsPerSecond;
    console.log(
      `| ${row.name.padEnd(24)} | ${String(row.requestsPerSecond).padStart(7)} | ${String(row.p50).padStart(6)} | ${String(row.p99).padStart(6)} | ${String(row.bytesPerResponse).padStart(10)} | ${String(base).padStart(7)} | ${`${((row.requestsPerSecond / base) * 100).toFixed(1)}%`.padStart(6)} | ${String(row.non2xx).padStart(7)} |`,
    );
  }
  console.log(`S3 SQL statements per front-page request by page size: ${Object.entries(statements).map(([first, count]) => `${first}: ${count}`).join(", ")}`);
  mkdirSync(join("data", "bench"), { recursive: true });
  const file = join("data", "bench", "http-bench.json");
  writeFileSync(file, `${JSON.stringify({ when: new Date().toISOString(), connections: CONNECTIONS, seconds: DURATION_SECONDS, warmupSeconds: WARMUP_SECONDS, rows, statementsPerRequest: statements }, null, 2)}\n`);
  console.log(`written to ${file}`);
}

/** The cursor of every article in the list, read 100 at a time. */
async function listCursors(graphql: string): Promise<string[]> {
  const cursors: string[] = [];
  let after: string | null = null;
  do {
    const response = await fetch(graphql, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "query ($after: String) { articles(first: 100, after: $after) { edges { cursor } pageInfo { endCursor hasNextPage } } }", variables: { after } }),
    });
    const { data } = (await response.json()) as { data: { articles: { edges: { cursor: string }[]; pageInfo: { endCursor: string; hasNextPage: boolean } } } };
    cursors.push(...data.articles.edges.map((edge) => edge.cursor));
    after = data.articles.pageInfo.hasNextPage ? data.articles.pageInfo.endCursor : null;
  } while (after);
  return cursors;
}

async function statementsPerRequest(url: string, first: number): Promise<number> {
  const count = async () => Number(/^newsgate_db_queries_total (\d+)/m.exec(await (await fetch(`${url}/metrics`)).text())?.[1]);
  const before = await count();
  const variables = { first, request: `statements-${first}-${Date.now()}` }; // never a cache hit
  await fetch(`${url}/graphql`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: FRONT_PAGE, variables }) });
  return (await count()) - before;
}

/**
 * B0: the ceiling, a bare node:http server answering every request with the same bytes.
 * With BUSY_US it first keeps the CPU busy that long on each request: the latency any server
 * with that much work per request has under the same load.
 */
const BARE_SERVER = `
const body = Buffer.from(process.env.BODY, "base64");
const busy = BigInt(Number(process.env.BUSY_US || 0)) * 1000n;
require("node:http").createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    const until = process.hrtime.bigint() + busy;
    while (busy > 0n && process.hrtime.bigint() < until);
    res.writeHead(200, { "content-type": "application/json; charset=utf-8", "content-length": body.length });
    res.end(body);
  });
}).listen(0, "127.0.0.1", function () { console.log("listening http://127.0.0.1:" + this.address().port); });
`;

if (require.main === module) {
  runHttpBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
