/** Feed ingestion: fetch → decode → parse → normalize → upsertArticles, and the scheduler that drives it. */
export { canonicalUrl, resolveUrl } from "./canonical-url";
export { decodeFeed, charsetOfContentType } from "./charset";
export { parseFeedDate } from "./feed-dates";
export { FetchError } from "./fetch-error";
export { fetchFeed, USER_AGENT, type FetchOptions, type FetchResult } from "./fetcher";
export { ingestSource, type IngestOptions, type IngestOutcome, type IngestStatus } from "./ingest-source";
export { normalizeFeed } from "./normalize";
export { buildOpml, parseOpml, OpmlError, type OpmlFeed } from "./opml";
export { parseFeed } from "./parse-feed";
export { FeedParseError, type FeedFormat, type ParsedFeed, type ParsedItem } from "./parsed-feed";
export { ingestSources, type RunOptions } from "./run-sources";
export { nextAfterFailure, nextAfterSuccess } from "./schedule";
export { startScheduler, type RunningScheduler } from "./scheduler";
export { isForbiddenAddress } from "./ssrf";
