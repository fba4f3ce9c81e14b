import "reflect-metadata";
import { existsSync, mkdirSync, renameSync } from "node:fs";
import { join } from "node:path";
import { startNewsgate } from "../src/app";
import { loadConfig } from "../src/config";
import { openDatabase } from "../src/db";
import { generateArticles } from "../src/generate/generate-articles";
import { createLogger } from "../src/logger";

/** Operations a dashboard sends: searches, filtered pages and facets; and a front page with related news. */
const OPERATIONS: Record<string, string> = {
  "front page": "{ articles(first: 20) { nodes { id title tags { slug } related(first: 5) { id title } } } }",
  "search word": '{ search(query: "verkehr", first: 20) { totalCount edges { score snippet node { id title } } } }',
  "search phrase": '{ search(query: "\\"neue brücke\\"", first: 20) { edges { node { id } } } }',
  "search prefix OR": '{ search(query: "energ* OR klima*", first: 20) { edges { node { id } } } }',
  "search + filter": '{ search(query: "stadt -sport", first: 20, filter: { language: "de", category: "Kultur" }) { totalCount edges { node { id } } } }',
  "tag page": '{ articles(first: 20, filter: { tags: ["energie"] }) { totalCount nodes { id title tags { slug } } } }',
  "combined filter": '{ articles(first: 20, filter: { or: [{ category: "Sport" }, { tags: ["verkehr"] }], language: "de" }) { totalCount nodes { id } } }',
  "facets": "{ facets { tags { count } sources { count } categories { count } languages { count } published(interval: MONTH) { key count } } }",
  "facets filtered": '{ facets(filter: { tags: ["energie"] }) { tags { count } categories { count } published(interval: WEEK) { count } } }',
};

const ROUNDS = 30;

/** A generated database of `count` articles, made once and kept under data/bench/. */
export async function benchDatabase(count: number): Promise<string> {
  const dir = join("data", "bench");
  const path = join(dir, `articles-${count}.sqlite`);
  if (existsSync(path)) return path;
  mkdirSync(dir, { recursive: true });
  const building = `${path}.building`;
  const db = await openDatabase({ kind: "sqlite", path: building });
  const started = Date.now();
  await generateArticles(db, {
    articles: count,
    onProgress: (n) => {
      if (n % 10_000 === 0 || n === count) process.stderr.write(`  generating ${count}: ${n} (${Math.round(n / ((Date.now() - started) / 1000))}/s)\n`);
    },
  });
  await db.query("PRAGMA wal_checkpoint(TRUNCATE)");
  await db.destroy();
  renameSync(building, path);
  return path;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/**
 * Search, filter and facet latency through the real HTTP server at 10k and 100k articles:
 * each operation sent ROUNDS times one after another, past the response cache and with the
 * read cache off, p50/p95/p99 in milliseconds.
 */
export async function runSearchBench(sizes = [10_000, 100_000]): Promise<void> {
  for (const size of sizes) {
    const path = await benchDatabase(size);
    const config = loadConfig({
      DATABASE_URL: `sqlite:${path}`, PORT: "0", HOST: "127.0.0.1", LOG_LEVEL: "silent", SCHEDULER: "off", RATE_LIMIT_POINTS: "1000000000",
      // Every request reads all it shows from the store: this measures the SQL of each operation.
      READ_CACHE_ENTRIES: "0",
    });
    const app = await startNewsgate(config, createLogger("silent"));
    console.log(`\nsearches, filters, facets and a front page over ${size.toLocaleString("en")} articles (${ROUNDS} requests each, ms)`);
    console.log(`${"operation".padEnd(18)} ${"p50".padStart(7)} ${"p95".padStart(7)} ${"p99".padStart(7)}`);
    for (const [name, query] of Object.entries(OPERATIONS)) {
      const times: number[] = [];
      for (let i = 0; i < ROUNDS + 3; i++) {
        const start = process.hrtime.bigint();
        // A caller with a bearer token is never answered from the response cache: every request runs.
        const headers = { "content-type": "application/json", authorization: "Bearer uncached-benchmark" };
        const response = await fetch(`${app.url}/graphql`, { method: "POST", headers, body: JSON.stringify({ query }) });
        const body = (await response.json()) as { errors?: unknown };
        if (body.errors) throw new Error(`${name}: ${JSON.stringify(body.errors)}`);
        if (i >= 3) times.push(Number(process.hrtime.bigint() - start) / 1e6);
      }
      times.sort((a, b) => a - b);
      const cell = (p: number) => percentile(times, p).toFixed(1).padStart(7);
      console.log(`${name.padEnd(18)} ${cell(50)} ${cell(95)} ${cell(99)}`);
    }
    await app.close();
  }
}

if (require.main === module) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  runSearchBench(sizes.length ? sizes : undefined).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
