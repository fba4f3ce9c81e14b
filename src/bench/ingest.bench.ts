import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../db";
import { SourceKind } from "../entities";
import { decodeFeed } from "../ingest/charset";
import { normalizeFeed } from "../ingest/normalize";
import { parseFeed } from "../ingest/parse-feed";
import { ensureSource, upsertArticles } from "../store";
import { generateCorpus } from "./feed-corpus";

const FEEDS = 20;
const ITEMS = 100;

/** Seconds taken by `work`. */
async function timed(work: () => Promise<unknown> | unknown): Promise<number> {
  const start = process.hrtime.bigint();
  await work();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

/**
 * Ingestion throughput on a generated corpus, in one run: parse only (decode + XML parse),
 * parse and normalize (sanitize, dates, URLs), and end to end from bytes to committed rows
 * in a fresh SQLite database, one transaction per feed as the fetcher does.
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
  rmSync(dir, { recursive: true, force: true });
  if (rows !== items) throw new Error(`expected ${items} committed rows, got ${rows}`);

  const line = (stage: string, seconds: number) =>
    `| ${stage.padEnd(38)} | ${String(items).padStart(6)} | ${seconds.toFixed(3).padStart(8)} | ${Math.round(items / seconds).toString().padStart(9)} |`;
  console.log(`Ingestion benchmark: ${FEEDS} RSS 2.0 feeds × ${ITEMS} items, ${megabytes.toFixed(1)} MiB, SQLite file database`);
  console.log("| stage                                  |  items |  seconds |   items/s |");
  console.log("|----------------------------------------|--------|----------|-----------|");
  console.log(line("parse only (decode + XML)", parseOnly));
  console.log(line("parse + normalize", parseNormalize));
  console.log(line("end to end, bytes → committed rows", endToEnd));
  console.log(line("re-ingest unchanged (writes nothing)", unchanged));
  console.log(`end-to-end / parse-only throughput: ${((items / endToEnd) / (items / parseOnly)).toFixed(3)} (parse-only is ${(endToEnd / parseOnly).toFixed(1)}× faster)`);
}

if (require.main === module) {
  runIngestBench().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
