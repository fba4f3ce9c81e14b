import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { findDueSources, findNextFetchAt } from "../store";
import type { IngestOptions, IngestOutcome } from "./ingest-source";
import { startParsePool, type ParsePool } from "./parse-pool";
import { ingestSources } from "./run-sources";

/** How often the schedule is looked at while sources are scheduled (sources added by the CLI appear within this). */
const POLL_MS = 60_000;
/** How often it is looked at while no source is scheduled at all. */
const IDLE_POLL_MS = 5 * 60_000;

export interface RunningScheduler {
  /** Resolves once the first look at the schedule is done (fetches it started may still run). */
  ready: Promise<void>;
  /** Stops scheduling, cancels fetches in flight, waits for them to end and ends the parsing workers. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  pollMs?: number;
  idlePollMs?: number;
  fetch?: IngestOptions["fetch"];
  /** The workers that read fetched documents (the server's); without one, the scheduler starts and ends its own. */
  parsePool?: ParsePool;
}

/**
 * Runs the feed scheduler inside the server: fetches every source whose nextFetchAt has
 * come, at most config.fetchConcurrency at once, then sleeps until the next one is due
 * (looking again at least every minute). Seed and manual sources are never fetched.
 * Fetched documents are read in a pool of worker threads (parse-pool.ts).
 */
export function startScheduler(db: DataSource, config: Config, log: Logger, options: SchedulerOptions = {}): RunningScheduler {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  let current: Promise<void> = Promise.resolve();
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  const parsePool = options.parsePool ?? startParsePool(config);

  const tick = async (): Promise<void> => {
    let wait = options.idlePollMs ?? IDLE_POLL_MS;
    try {
      let next = await findNextFetchAt(db);
      markReady();
      if (next && next.getTime() <= Date.now() && !stopped) {
        const due = await findDueSources(db, new Date());
        const outcomes = await ingestSources(db, due, {
          concurrency: config.fetchConcurrency,
          onlyDue: true,
          allowHosts: config.fetchAllowHosts,
          fetch: options.fetch,
          signal: controller.signal,
          parsePool,
          log,
        });
        outcomes.forEach((outcome) => logOutcome(log, outcome));
        if (!stopped) next = await findNextFetchAt(db);
      }
      if (next) wait = Math.min(options.pollMs ?? POLL_MS, Math.max(1000, next.getTime() - Date.now()));
    } catch (error) {
      markReady();
      if (!stopped) log.error({ err: error }, "feed scheduler: a round failed");
    }
    // The timer alone never keeps a process alive: the server (or the CLI) does.
    if (!stopped) timer = setTimeout(() => (current = tick()), wait).unref();
  };

  current = tick();
  return {
    ready,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      controller.abort(new Error("the server is shutting down"));
      await current;
      if (!options.parsePool) await parsePool.close();
    },
  };
}

function logOutcome(log: Logger, outcome: IngestOutcome): void {
  const fields = { sourceId: outcome.sourceId, status: outcome.status, created: outcome.created, updated: outcome.updated, nextFetchAt: outcome.nextFetchAt };
  if (outcome.status === "failed") log.warn(Object.assign(fields, { error: outcome.error }), `feed ${outcome.name} failed: ${outcome.error}`);
  else log.info(Object.assign(fields, { warnings: outcome.warnings.length ? outcome.warnings : undefined }), `feed ${outcome.name}: ${outcome.status}`);
}
