import { openDatabase } from "../db";
import type { Source } from "../entities";
import type { IngestOutcome } from "../ingest/ingest-source";
import { startParsePool } from "../ingest/parse-pool";
import { ingestSources } from "../ingest/run-sources";
import { startScheduler } from "../ingest/scheduler";
import { createLogger } from "../logger";
import { findDueSources, findSourceById } from "../store";
import { parseArgs, parseId, UsageError } from "./args";
import type { Command } from "./command";

/** One result line: what fetching a source did. */
export function describeOutcome(o: IngestOutcome): string {
  const head = `#${o.sourceId} ${o.name}`;
  if (o.status === "failed") return `${head}: failed: ${o.error}`;
  if (o.notModified) return `${head}: unchanged (not modified)`;
  const counts = `${o.created} new, ${o.updated} updated, ${o.unchanged} unchanged${o.linked ? `, ${o.linked} also in other sources` : ""}`;
  const warnings = o.warnings.length ? `; warning: ${o.warnings.join("; ")}` : "";
  return `${head}: ${o.status} (${counts})${warnings}`;
}

export const ingestCommand: Command = {
  name: "ingest",
  usage: [
    "ingest --once [--source <id>]   fetch every due feed (or one, due or not) and exit; exit code 1 when any failed",
    "ingest               run the feed scheduler in the foreground until interrupted",
  ],
  async run({ args, config, out, err }) {
    let once: boolean;
    let sourceId: number | null = null;
    try {
      const parsed = parseArgs(args, ["once"]);
      once = parsed.options.has("once");
      if (parsed.options.has("source")) sourceId = parseId(String(parsed.options.get("source")), "--source");
      if (sourceId !== null && !once) throw new UsageError("--source goes with --once: ingest --once --source <id>");
      if (parsed.positional.length) throw new UsageError(`unexpected argument "${parsed.positional[0]}"`);
    } catch (error) {
      if (!(error instanceof UsageError)) throw error;
      err(`ingest: ${error.message}`);
      return 2;
    }
    const db = await openDatabase(config.database);
    try {
      if (!once) return await runForeground(db, config, err);
      let sources: Source[];
      if (sourceId !== null) {
        const source = await findSourceById(db, sourceId);
        if (!source?.url) {
          err(source ? `source #${sourceId} has no URL: only feed sources are fetched` : `there is no source #${sourceId}: see "sources list"`);
          return 1;
        }
        sources = [source];
      } else {
        sources = await findDueSources(db, new Date());
      }
      if (sources.length === 0) {
        err("no source is due");
        return 0;
      }
      err(`fetching ${sources.length} source${sources.length === 1 ? "" : "s"}, ${config.fetchConcurrency} at once`);
      const parsePool = startParsePool(config);
      const outcomes = await ingestSources(db, sources, {
        concurrency: config.fetchConcurrency,
        onlyDue: sourceId === null,
        allowHosts: config.fetchAllowHosts,
        parsePool,
        onDone: (outcome, done, total) => err(`[${done}/${total}] ${outcome.status === "failed" ? "failed" : "done"}: ${outcome.name}`),
        onSkip: (source) => out(`#${source.id} ${source.name}: skipped: another process is fetching it right now`),
      }).finally(() => parsePool.close());
      outcomes.forEach((outcome) => out(describeOutcome(outcome)));
      const failed = outcomes.filter((o) => o.status === "failed").length;
      out(`ingest: ${outcomes.length - failed} succeeded, ${failed} failed`);
      return failed > 0 ? 1 : 0;
    } finally {
      await db.destroy();
    }
  },
};

async function runForeground(db: Parameters<typeof startScheduler>[0], config: Parameters<typeof startScheduler>[1], err: (line: string) => void): Promise<number> {
  const scheduler = startScheduler(db, config, createLogger(config.logLevel, { sync: true }));
  err("feed scheduler running; stop it with Ctrl-C");
  const keepAlive = setInterval(() => undefined, 60_000);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  clearInterval(keepAlive);
  await scheduler.stop();
  return 0;
}
