import { openDatabase } from "../db";
import { countArticlesBySourceIds, listSources, removeSource, addFeedSource, SourceAdminError } from "../store";
import { parseArgs, parseId, UsageError } from "./args";
import type { Command } from "./command";

const MIN_INTERVAL = 60;
const MAX_INTERVAL = 86_400;

/** Checks a feed URL given on the command line; the message says what to change. */
export function checkFeedUrl(value: string | undefined): string {
  if (!value) throw new UsageError("give the feed's URL, e.g. sources add https://example.org/feed.xml");
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new UsageError(`"${value}" is not a URL: give an absolute http:// or https:// address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new UsageError(`"${value}" is not an http(s) URL: only http and https feeds are fetched`);
  return url.href;
}

export const sourcesCommand: Command = {
  name: "sources",
  usage: [
    "sources add <url> [--name N] [--interval SECONDS]   add a feed (RSS, Atom or JSON Feed), fetched every 900 s by default",
    "sources list         list every source with its health",
    "sources remove <id>  remove a source and the articles only it has",
  ],
  async run({ args, config, out, err }) {
    const [action, ...rest] = args;
    try {
      if (action !== "add" && action !== "list" && action !== "remove") throw new UsageError('use "sources add <url>", "sources list" or "sources remove <id>"');
      const parsed = parseArgs(rest);
      const url = action === "add" ? checkFeedUrl(parsed.positional[0]) : "";
      const interval = parsed.options.get("interval");
      if (interval !== undefined && (typeof interval !== "string" || !/^\d+$/.test(interval) || +interval < MIN_INTERVAL || +interval > MAX_INTERVAL)) {
        throw new UsageError(`--interval must be whole seconds from ${MIN_INTERVAL} to ${MAX_INTERVAL}, got "${interval}"`);
      }
      const id = action === "remove" ? parseId(parsed.positional[0], "sources remove <id>") : 0;
      const db = await openDatabase(config.database);
      try {
        if (action === "add") {
          const name = parsed.options.get("name");
          const source = await addFeedSource(db, { url, name: typeof name === "string" ? name : null, intervalSeconds: interval ? Number(interval) : undefined });
          out(`added source #${source.id} ${source.url} (every ${source.fetchIntervalSeconds} s)`);
        } else if (action === "remove") {
          if (!(await removeSource(db, id))) {
            err(`there is no source #${id}: see "sources list"`);
            return 1;
          }
          out(`removed source #${id}`);
        } else {
          const sources = await listSources(db);
          const counts = await countArticlesBySourceIds(db, sources.map((s) => s.id));
          out(["id", "kind", "name", "url", "articles", "last fetched", "failures", "next fetch", "last error", "last warning"].join("\t"));
          sources.forEach((s, i) =>
            out(
              [
                `#${s.id}`, s.kind, s.name, s.url ?? "-", counts[i], s.lastFetchedAt?.toISOString() ?? "-", s.consecutiveFailures,
                s.nextFetchAt?.toISOString() ?? "-", s.lastError ?? "-", s.lastWarning ?? "-",
              ].join("\t"),
            ),
          );
        }
        return 0;
      } finally {
        await db.destroy();
      }
    } catch (error) {
      if (error instanceof UsageError || error instanceof SourceAdminError) {
        err(`sources: ${error.message}`);
        return error instanceof UsageError ? 2 : 1;
      }
      throw error;
    }
  },
};
