import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../src/db";
import { SourceKind } from "../src/entities";
import { decodeFeed } from "../src/ingest/charset";
import { normalizeFeed } from "../src/ingest/normalize";
import { ParsePool } from "../src/ingest/parse-pool";
import { parseFeed } from "../src/ingest/parse-feed";
import { ensureSource, upsertArticles } from "../src/store";
import { generateCorpus } from "./feed-corpus";

const FEEDS = 20;
const ITEMS = 100;
/** Workers of the pool rows: as many as the server runs with FETCH_CONCURRENCY at its default. */
const THREADS = 4;

/** Seconds taken by `work`. */
async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Ingestion throughput on a generated corpus, in one run: parse only (decode + XML parse),
 * parse and normalize (sanitize, dates, URLs), and end to end from bytes to committed rows
 * in a fresh SQLite database, one transaction per feed, on the calling thread (the write
 * sanitizing bodies again). The pool rows do what the server does: each document is read in
 * a parsing worker (parse-pool.ts), the drafts come back by structured clone and are written
 * without sanitizing again; one feed at a time, and THREADS at once as the scheduler fetches.
 */
export async function runIngestBench(): Promise<void> {
  const corpus = generateCorpus(FEEDS, ITEMS);
  const items = FEEDS * ITEMS;
  const megabytes = corpus.reduce((n, b) => n + b.length, 0) / 1024 / 1024;
  const firstSeen = new Date();
  const parseAll = () => corpus.map((bytes) => parseFeed(decodeFeed(bytes, "application/rss+xml").text));
  parseAll(); // warm-up

  const parseOnly = await timed(parseAll);
  const parseNormalize = await timed(() => parseAll().map((feed, f) => normalizeFeed(feed, { feedUrl: `https://site${f}.example.org/feed`, firstSeen })));

  const dir = mkdtempSync(join(tmpdir(), "newsgate-bench-"));
  const db = await openDatabase({ kind: "sqlite", path: join(dir, "bench.sqlite") });
  let rows = 0;
  const endToEnd = await timed(async () => {
    for (const [f, bytes] of corpus.entries()) {
      const source = await ensureSource(db, { name: `Bench ${f}`, url: `https://site${f}.example.org/feed`, kind: SourceKind.RSS });
      const feed = parseFeed(decodeFeed(bytes, "application/rss+xml").text);
      const result = await upsertArticles(db, source.id, normalizeFeed(feed, { feedUrl: source.url!, firstSeen }));
      rows += result.created;
    }
  });
  const unchanged = await timed(async () => {
    for (const [f, bytes] of corpus.entries()) {
      const source = await ensureSource(db, { name: `Bench ${f}`, url: `https://site${f}.example.org/feed`, kind: SourceKind.RSS });
      await upsertArticles(db, source.id, normalizeFeed(parseFeed(decodeFeed(bytes).text), { feedUrl: source.url!, firstSeen }));
    }
  });
  await db.destroy();
  if (rows !== items) throw new Error(`expected ${items} committed rows, got ${rows}`);

  const pool = new ParsePool({ threads: THREADS, timeoutMs: 60_000, memoryMb: 512 });
  const task = (bytes: Buffer, f: number) => ({ bytes, contentType: "application/rss+xml", feedUrl: `https://site${f}.example.org/feed`, firstSeen });
  // Workers start once with the server: warm every one before timing.
  await Promise.all(corpus.slice(0, THREADS).map((bytes, f) => pool.parse(task(bytes, f))));
  const poolParse = await timed(async () => {
    for (const [f, bytes] of corpus.entries()) await pool.parse(task(bytes, f));
  });
  const poolParseParallel = await timed(() => Promise.all(corpus.map((bytes, f) => pool.parse(task(bytes, f)))));
  const poolEndToEnd = async (parallel: boolean) => {
    const poolDb = await openDatabase({ kind: "sqlite", path: join(dir, `bench-pool-${parallel ? "parallel" : "sequential"}.sqlite`) });
    let created = 0;
    const one = async (bytes: Buffer, f: number) => {
      const source = await ensureSource(poolDb, { name: `Bench ${f}`, url: `https://site${f}.example.org/feed`, kind: SourceKind.RSS });
      const document = await pool.parse(task(bytes, f));
      const result = await upsertArticles(poolDb, source.id, document.drafts, { bodiesSanitized: true });
      created += result.created;
    };
    const seconds = await timed(async () => {
      if (parallel) await Promise.all(corpus.map((bytes, f) => one(bytes, f)));
      else for (const [f, bytes] of corpus.entries()) await one(bytes, f);
    });
    await poolDb.destroy();
    if (created !== items) throw new Error(`expected ${items} committed rows through the pool, got ${created}`);
    return seconds;
  };
  const poolSequential = await poolEndToEnd(false);
  const poolParallel = await poolEndToEnd(true);
  await pool.close();
  rmSync(dir, { recursive: true, force: true });

  const line = (stage: string, seconds: number) =>
    `| ${stage.padEnd(38)} | ${String(items).padStart(6)} | ${seconds.toFixed(3).padStart(8)} | ${Math.round(items / seconds).toString().padStart(9)} |`;
  console.log(`Ingestion benchmark: ${FEEDS} RSS 2.0 feeds × ${ITEMS} items, ${megabytes.toFixed(1)} MiB, SQLite file database`);
  console.log("| stage                                  |  items |  seconds |   items/s |");
  console.log("|----------------------------------------|--------|----------|-----------|");
  console.log(line("parse only (decode + XML)", parseOnly));
  console.log(line("parse + normalize", parseNormalize));
  console.log(line("end to end, bytes → committed rows", endToEnd));
  console.log(line("re-ingest unchanged (writes nothing)", unchanged));
  console.log(line("pool: parse + normalize, 1 at a time", poolParse));
  console.log(line(`pool: parse + normalize, ${THREADS} workers`, poolParseParallel));
  console.log(line("pool: end to end, 1 feed at a time", poolSequential));
  console.log(line(`pool: end to end, ${THREADS} workers`, poolParallel));
  console.log(`end-to-end / parse-only throughput: ${((items / endToEnd) / (items / parseOnly)).toFixed(3)} (parse-only is ${(endToEnd / parseOnly).toFixed(1)}× faster)`);
  console.log(`pool end to end / calling-thread end to end throughput: ${(endToEnd / poolSequential).toFixed(3)} one feed at a time, ${(endToEnd / poolParallel).toFixed(3)} with ${THREADS} workers`);
}

if (require.main === module) {
  runIngestBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
