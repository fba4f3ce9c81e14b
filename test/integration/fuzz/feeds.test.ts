import fc from "fast-check";
import type { DataSource } from "typeorm";
import { decodeFeed, FeedParseError, normalizeFeed, parseFeed, type ParsedFeed } from "../../../src/ingest";
import { addFeedSource, upsertArticles } from "../../../src/store";
import { openTestDatabase } from "../ingest/ingest-helpers";
import { contentTypes, generatedRss, mutatedFeed, SEED_FEEDS, splicedFeed } from "./feed-arbitraries";
import { FUZZ_TEST_TIMEOUT_MS, fuzzParameters, watchUnhandled } from "./fuzz-settings";

const FIRST_SEEN = new Date("2025-06-01T12:00:00Z");
const anyFeed = fc.oneof(
  { arbitrary: mutatedFeed, weight: 5 },
  { arbitrary: splicedFeed, weight: 2 },
  { arbitrary: generatedRss, weight: 2 },
  { arbitrary: fc.uint8Array({ maxLength: 300 }).map((bytes) => Buffer.from(bytes)), weight: 1 },
);

/** decode → parse → normalize, as ingestion runs them; a feed may be refused, but only with a FeedParseError. */
function parseAndNormalize(bytes: Buffer, contentType: string | null | undefined) {
  const started = Date.now();
  const { text } = decodeFeed(bytes, contentType);
  let feed: ParsedFeed;
  try {
    feed = parseFeed(text);
  } catch (error) {
    if (error instanceof FeedParseError) return null;
    throw error;
  }
  const drafts = normalizeFeed(feed, { feedUrl: "https://feeds.example.org/news.xml", firstSeen: FIRST_SEEN });
  for (const draft of drafts) {
    if (typeof draft.title !== "string" || draft.title.trim() === "") throw new Error(`a draft without a title: ${JSON.stringify(draft)}`);
    if (draft.publishedAt && Number.isNaN(draft.publishedAt.getTime())) throw new Error(`an invalid date in ${JSON.stringify(draft)}`);
  }
  // A pathological input must not make parsing crawl (catastrophic backtracking, quadratic loops).
  if (Date.now() - started > 2000) throw new Error(`parsing ${bytes.length} bytes took ${Date.now() - started} ms`);
  return drafts;
}

jest.setTimeout(FUZZ_TEST_TIMEOUT_MS);

describe("feed parsers under fuzzing", () => {
  const unhandled = watchUnhandled();
  afterAll(() => unhandled.stop());

  it("parse every fixture as they are", () => {
    for (const bytes of SEED_FEEDS) parseAndNormalize(bytes, null);
  });

  it("refuse damaged or random bytes with a FeedParseError, or parse them into valid drafts", () => {
    fc.assert(fc.property(anyFeed, contentTypes, (bytes, type) => void parseAndNormalize(bytes, type)), fuzzParameters(1500));
  });

  describe("and the write path", () => {
    let database: { db: DataSource; close(): Promise<void> };
    let sourceId: number;
    beforeAll(async () => {
      database = await openTestDatabase();
      sourceId = (await addFeedSource(database.db, { url: "https://feeds.example.org/news.xml" })).id;
    });
    afterAll(() => database.close());

    it("stores whatever the parsers accept", async () => {
      await fc.assert(
        fc.asyncProperty(anyFeed, async (bytes) => {
          const drafts = parseAndNormalize(bytes, null);
          if (drafts && drafts.length > 0) await upsertArticles(database.db, sourceId, drafts);
        }),
        fuzzParameters(150),
      );
      expect(unhandled.seen).toEqual([]);
    });
  });
});
