import { existsSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel } from "node:worker_threads";
import { Piscina } from "piscina";
import type { Config } from "../config";
import { FeedParseError } from "./parsed-feed";
import type { ParsedDocument, ParseTask } from "./parse-document";
import type { WorkerAnswer, WorkerTask } from "./parse-worker";

/**
 * Heap a document takes while it is read, per byte of it: measured at 11 to 17 (the XML
 * tree, the items and their drafts), with a margin.
 */
const HEAP_PER_DOCUMENT_BYTE = 20;

export interface ParsePoolOptions {
  /** Workers at most: one per concurrent fetch, so that a document never waits for a worker. */
  threads: number;
  /** Longest one document may take from the moment a worker starts on it. */
  timeoutMs: number;
  /** Old-generation heap of each worker, in MB. */
  memoryMb: number;
}

/**
 * The compiled worker. Worker threads load JavaScript only: from dist/ (the server, the CLI,
 * the bench) it is the parse-worker.js next to this file. From the TypeScript sources (the
 * tests, through ts-jest) no such file exists, and Node 20 cannot load parse-worker.ts in a
 * worker, so the worker `npm run build` compiled to dist/src/ingest/ is used: `npm test`
 * builds first. A change to the parsers therefore reaches tests of the pool only after a
 * build; the parsers' own tests call them directly and need none.
 */
export function parseWorkerFile(): string {
  const beside = join(__dirname, "parse-worker.js");
  if (existsSync(beside)) return beside;
  const built = join(__dirname, "..", "..", "dist", "src", "ingest", "parse-worker.js");
  if (existsSync(built)) return built;
  throw new Error(`the feed parsing worker is missing: neither ${beside} nor ${built} exists; run \`npm run build\` first`);
}

/**
 * Worker threads that decode, parse, normalize and sanitize fetched feeds (parseDocument),
 * so that no document can hold up the event loop. Each document has a time budget and each
 * worker a heap limit: a document over either fails alone, with a message naming the
 * setting, and its worker is terminated and replaced. Idle workers never keep the process
 * alive; close() ends them all.
 */
export class ParsePool {
  private readonly pool: Piscina<WorkerTask, WorkerAnswer>;

  constructor(private readonly options: ParsePoolOptions) {
    this.pool = new Piscina<WorkerTask, WorkerAnswer>({
      filename: parseWorkerFile(),
      minThreads: 1,
      maxThreads: Math.max(1, options.threads),
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: options.memoryMb },
    });
  }

  /** Reads one document in a worker; `signal` cancels it (the worker is then replaced). */
  async parse(task: ParseTask, signal?: AbortSignal): Promise<ParsedDocument> {
    signal?.throwIfAborted();
    // A worker's heap limit is enforced by V8 on a best-effort basis: some allocations that
    // cross it abort the whole process instead of the worker (nodejs/node#47224). Documents
    // that cannot fit are refused here; the limit stays the backstop for the rest.
    const documentMb = task.bytes.byteLength / 1024 / 1024;
    if (documentMb * HEAP_PER_DOCUMENT_BYTE > this.options.memoryMb) {
      throw new FeedParseError(
        `parsing a ${documentMb.toFixed(1)} MB document needs more than the ${this.options.memoryMb} MB a parsing worker may use: raise FEED_PARSE_MEMORY_MB to parse it`,
      );
    }
    const { port1, port2 } = new MessageChannel();
    const budget = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    let overBudget = false;
    port1.once("message", () => {
      timer = setTimeout(() => {
        overBudget = true;
        budget.abort();
      }, this.options.timeoutMs);
    });
    const cancel = () => budget.abort();
    signal?.addEventListener("abort", cancel, { once: true });
    let answer: WorkerAnswer;
    try {
      answer = await this.pool.run({ task, started: port2 }, { signal: budget.signal, transferList: [port2] });
    } catch (error) {
      if (overBudget) throw new FeedParseError(`parsing took longer than ${this.options.timeoutMs / 1000} s`);
      if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new Error("parsing cancelled");
      if ((error as NodeJS.ErrnoException).code === "ERR_WORKER_OUT_OF_MEMORY") {
        throw new FeedParseError(`parsing needed more than the ${this.options.memoryMb} MB a parsing worker may use: raise FEED_PARSE_MEMORY_MB to parse this document`);
      }
      throw error;
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener("abort", cancel);
      port1.close();
    }
    if ("error" in answer) throw new FeedParseError(answer.error);
    return answer.document;
  }

  /** Ends every worker, cancelling documents still being read. */
  async close(): Promise<void> {
    await this.pool.destroy();
  }
}

/** A pool with the configured budgets and one worker per concurrent fetch. */
export function startParsePool(config: Pick<Config, "fetchConcurrency" | "feedParse">): ParsePool {
  return new ParsePool({ threads: config.fetchConcurrency, timeoutMs: config.feedParse.timeoutMs, memoryMb: config.feedParse.memoryMb });
}

let processPool: ParsePool | null = null;

/**
 * The running server's pool (startNewsgate sets it, and clears it on close): fetches that are
 * given none, such as the refreshSource mutation's, read their documents in it.
 */
export function setProcessParsePool(pool: ParsePool | null): void {
  processPool = pool;
}

export function processParsePool(): ParsePool | null {
  return processPool;
}
