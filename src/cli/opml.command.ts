import { readFileSync } from "node:fs";
import { openDatabase } from "../db";
import { buildOpml, OpmlError, parseOpml } from "../ingest/opml";
import { addFeedSource, FEED_KINDS, listSources, SourceAdminError } from "../store";
import { UsageError } from "./args";
import type { Command } from "./command";
import { checkFeedUrl } from "./sources.command";

export const opmlCommand: Command = {
  name: "opml",
  usage: [
    "opml import <file>   add every feed of an OPML subscription list (feeds already added are skipped)",
    "opml export          print the feed sources as OPML 2.0",
  ],
  async run({ args, config, out, err }) {
    const [action, file] = args;
    if (action !== "import" && action !== "export") {
      err('opml: use "opml import <file>" or "opml export"');
      return 2;
    }
    let feeds: ReturnType<typeof parseOpml> = [];
    if (action === "import") {
      if (!file) {
        err("opml: give the OPML file to import, e.g. opml import subscriptions.opml");
        return 2;
      }
      try {
        feeds = parseOpml(readFileSync(file, "utf8"));
      } catch (error) {
        err(`opml: cannot import ${file}: ${error instanceof OpmlError ? error.message : (error as Error).message}`);
        return 1;
      }
    }
    const db = await openDatabase(config.database);
    try {
      if (action === "export") {
        const sources = (await listSources(db)).filter((s) => s.url && FEED_KINDS.includes(s.kind));
        out(buildOpml(sources.map((s) => ({ url: s.url as string, name: s.name, kind: s.kind }))));
        return 0;
      }
      let added = 0;
      let skipped = 0;
      for (const [index, feed] of feeds.entries()) {
        err(`[${index + 1}/${feeds.length}] ${feed.url}`);
        try {
          const source = await addFeedSource(db, { url: checkFeedUrl(feed.url), name: feed.name });
          out(`added source #${source.id} ${source.url}`);
          added++;
        } catch (error) {
          if (!(error instanceof SourceAdminError || error instanceof UsageError)) throw error;
          out(`skipped ${feed.url}: ${error.message}`);
          skipped++;
        }
      }
      out(`opml import: ${added} added, ${skipped} skipped`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
