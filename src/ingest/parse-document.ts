import type { ArticleDraft } from "../store/article-draft";
import { decodeFeed } from "./charset";
import { normalizeFeed } from "./normalize";
import type { ParsedFeed } from "./parsed-feed";
import { parseFeed } from "./parse-feed";

/** One fetched feed document to read. */
export interface ParseTask {
  bytes: Uint8Array;
  /** The Content-Type the server sent, for the charset. */
  contentType: string | null;
  /** The address the document came from (after redirects): relative URLs resolve against it. */
  feedUrl: string;
  /** When the fetch started: the first-seen date of new items. */
  firstSeen: Date;
}

/** What reading a document gives: the feed's own fields and its items as article drafts, bodies sanitized. */
export interface ParsedDocument extends Pick<ParsedFeed, "format" | "title" | "link" | "language" | "ttlMinutes" | "itemsInDocument" | "warnings"> {
  drafts: ArticleDraft[];
}

/**
 * decode → parse → normalize (which sanitizes the bodies): the CPU-bound part of ingesting
 * a feed, run in the parsing workers. Throws FeedParseError for a document that is no feed.
 */
export function parseDocument(task: ParseTask): ParsedDocument {
  const bytes = Buffer.isBuffer(task.bytes) ? task.bytes : Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const feed = parseFeed(decodeFeed(bytes, task.contentType).text);
  const drafts = normalizeFeed(feed, { feedUrl: task.feedUrl, firstSeen: task.firstSeen });
  return {
    format: feed.format,
    title: feed.title,
    link: feed.link,
    language: feed.language,
    ttlMinutes: feed.ttlMinutes,
    itemsInDocument: feed.itemsInDocument,
    warnings: feed.warnings,
    drafts,
  };
}
