import type { DataSource } from "typeorm";
import { SourceKind, type Source } from "../entities";
import { ingestFetches } from "../metrics";
import { findFetchValidators, recordFetchFailure, recordFetchSuccess, upsertArticles, type UpsertOptions } from "../store";
import { setNextFetchAt } from "../store/source-schedule";
import { FetchError } from "./fetch-error";
import { fetchFeed, type FetchOptions } from "./fetcher";
import { parseDocument, type ParseTask } from "./parse-document";
import { processParsePool, type ParsePool } from "./parse-pool";
import { FeedParseError, type FeedFormat } from "./parsed-feed";
import { nextAfterFailure, nextAfterSuccess } from "./schedule";

export interface IngestOptions {
  /** Hosts and networks that may be reached although private (FETCH_ALLOW_HOSTS). */
  allowHosts: readonly string[];
  /** Limits of one fetch (timeout, size, redirects); the defaults are 20 s, 15 MiB and 5. */
  fetch?: Pick<FetchOptions, "timeoutMs" | "maxBytes" | "maxRedirects">;
  signal?: AbortSignal;
  /** The clock; tests set it. */
  now?: () => Date;
  /** Told when a changed item overwrites an editor's change (see upsertArticles). */
  log?: UpsertOptions["log"];
  /**
   * The worker threads that read fetched documents; the running server's (processParsePool)
   * when not given. Without either, a document is read on the calling thread: only tests
   * and scripts do that.
   */
  parsePool?: ParsePool;
}

export type IngestStatus = "new" | "updated" | "unchanged" | "failed";

/** What fetching one source did. */
export interface IngestOutcome {
  sourceId: number;
  name: string;
  url: string | null;
  /** new: some articles were created; updated: some changed; unchanged: nothing to write; failed. */
  status: IngestStatus;
  created: number;
  updated: number;
  unchanged: number;
  /** Articles another source already had, now known to this one as well. */
  linked: number;
  /** The server answered 304 Not Modified. */
  notModified: boolean;
  /** Why the fetch failed (status "failed"). */
  error?: string;
  /** Problems that did not fail the fetch, e.g. truncated XML of which the complete items were kept. */
  warnings: string[];
  /** Item elements the document holds, read or not (when the parser counts them). */
  itemsInDocument?: number;
  nextFetchAt: Date;
}

const KIND_OF_FORMAT: Record<FeedFormat, SourceKind> = {
  "rss-0.9x": SourceKind.RSS,
  "rss-1.0": SourceKind.RSS,
  "rss-2.0": SourceKind.RSS,
  "atom-1.0": SourceKind.ATOM,
  "json-feed-1.0": SourceKind.JSON_FEED,
  "json-feed-1.1": SourceKind.JSON_FEED,
};

/**
 * Fetches one source and stores its items: fetch → decode → parse → normalize →
 * upsertArticles (one transaction for the whole feed), then records the source's health.
 * Never throws for a bad feed: the outcome says what failed, and nothing stored is lost.
 */
export async function ingestSource(db: DataSource, source: Source, options: IngestOptions): Promise<IngestOutcome> {
  const now = options.now ?? (() => new Date());
  const started = now();
  const outcome: IngestOutcome = {
    sourceId: source.id, name: source.name, url: source.url, status: "unchanged",
    created: 0, updated: 0, unchanged: 0, linked: 0, notModified: false, warnings: [], nextFetchAt: started,
  };
  let retryAfter: number | null = null;
  let deferred = false;
  try {
    if (!source.url) throw new FetchError("the source has no URL: only feed sources are fetched");
    const validators = await findFetchValidators(db, source.id);
    const fetched = await fetchFeed(source.url, Object.assign({}, options.fetch, { allowHosts: options.allowHosts, signal: options.signal }, validators));
    retryAfter = fetched.retryAfterSeconds;
    if (fetched.status === 304) {
      outcome.notModified = true;
      outcome.nextFetchAt = nextAfterSuccess(now(), source.fetchIntervalSeconds, { retryAfterSeconds: retryAfter });
      await recordFetchSuccess(db, source.id, { at: now(), nextFetchAt: outcome.nextFetchAt });
      ingestFetches.inc({ outcome: "not_modified" });
      return outcome;
    }
    // While the document is read the source is due only when a failure would make it: should
    // the process die on this document, a restart does not read it again before then. Once it
    // is read, the schedule is put back, so that a write cut short is completed at once.
    await setNextFetchAt(db, source.id, nextAfterFailure(now(), source.fetchIntervalSeconds, source.consecutiveFailures + 1, retryAfter));
    deferred = true;
    const task: ParseTask = { bytes: fetched.body, contentType: fetched.contentType, feedUrl: fetched.url, firstSeen: started };
    const pool = options.parsePool ?? processParsePool();
    const feed = pool ? await pool.parse(task, options.signal) : parseDocument(task);
    await setNextFetchAt(db, source.id, source.nextFetchAt);
    deferred = false;
    outcome.itemsInDocument = feed.itemsInDocument;
    const held = feed.itemsInDocument ?? 0;
    if (held > 0 && feed.drafts.length === 0) {
      const unread = `the feed holds ${held} item${held === 1 ? "" : "s"} but none could be read`;
      const others = feed.warnings.filter((warning) => warning !== unread);
      throw new FeedParseError(others.length ? `${unread} (${others.join("; ")})` : unread);
    }
    const result = await upsertArticles(db, source.id, feed.drafts, { log: options.log, bodiesSanitized: true }).catch((error: Error) => {
      throw new Error(`storing the items failed, nothing was written: ${error.message}`);
    });
    Object.assign(outcome, { created: result.created, updated: result.updated, unchanged: result.unchanged, linked: result.linked ?? 0 });
    outcome.status = result.created > 0 ? "new" : result.updated > 0 ? "updated" : "unchanged";
    outcome.warnings = feed.warnings;
    if (source.name === source.url && feed.title) outcome.name = feed.title.slice(0, 200);
    outcome.nextFetchAt = nextAfterSuccess(now(), source.fetchIntervalSeconds, { ttlMinutes: feed.ttlMinutes, retryAfterSeconds: retryAfter });
    await recordFetchSuccess(db, source.id, {
      at: now(),
      nextFetchAt: outcome.nextFetchAt,
      kind: KIND_OF_FORMAT[feed.format],
      title: feed.title,
      language: feed.language,
      validators: { etag: fetched.etag, lastModified: fetched.lastModified },
      warning: outcome.warnings.length ? outcome.warnings.join("; ") : null,
    });
    ingestFetches.inc({ outcome: outcome.warnings.length ? "warning" : "ok" });
  } catch (error) {
    outcome.status = "failed";
    outcome.error = describe(error);
    const retry = error instanceof FetchError ? error.retryAfterSeconds : retryAfter;
    outcome.nextFetchAt = nextAfterFailure(now(), source.fetchIntervalSeconds, source.consecutiveFailures + 1, retry);
    // Cancelled by a shutdown: not the feed's fault, so the source stays due as it was.
    if (options.signal?.aborted) {
      if (deferred) await setNextFetchAt(db, source.id, source.nextFetchAt);
      return outcome;
    }
    await recordFetchFailure(db, source.id, { at: now(), error: outcome.error, nextFetchAt: outcome.nextFetchAt });
    ingestFetches.inc({ outcome: "failed" });
  }
  return outcome;
}

function describe(error: unknown): string {
  if (error instanceof FeedParseError || error instanceof FetchError) return error.message;
  if (error instanceof Error) return error.name === "AbortError" ? "fetch cancelled" : error.message;
  return String(error);
}
