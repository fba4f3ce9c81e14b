import { dialectOf } from "../../../src/db";
import type { DataSource } from "typeorm";
import { ingestSource } from "../../../src/ingest/ingest-source";
import { findSourceById, upsertArticles } from "../../../src/store";
import { select } from "../../../src/store/sql";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { addAndIngest, articleRows, ingestAgain, openTestDatabase } from "./ingest-helpers";

const T0 = new Date("2024-07-01T12:00:00.000Z");
const at = (date: Date) => () => date;
const plus = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

describe("ingesting a source", () => {
  let server: FeedServer;
  let db: DataSource;
  let close: () => Promise<void>;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    ({ db, close } = await openTestDatabase());
  });
  afterEach(() => close());

  it.each([
    ["rss-0.91.xml", "RSS", 1],
    ["rss-0.92.xml", "RSS", 1],
    ["rss-1.0.rdf", "RSS", 1],
    ["rss-2.0.xml", "RSS", 2],
    ["atom.xml", "ATOM", 2],
    ["json-feed-1.0.json", "JSON_FEED", 1],
    ["json-feed-1.1.json", "JSON_FEED", 2],
  ])("stores %s, then finds it unchanged", async (name, kind, count) => {
    server.serve(`/formats/${name}`, fixture(name), { "content-type": "text/plain" });
    const { source, outcome } = await addAndIngest(db, `${server.url}/formats/${name}`, { now: at(T0) });
    expect(outcome).toEqual(expect.objectContaining({ status: "new", created: count, updated: 0, unchanged: 0, warnings: [] }));
    const stored = await findSourceById(db, source.id);
    expect(stored).toEqual(expect.objectContaining({ kind, lastFetchedAt: T0, lastError: null, consecutiveFailures: 0 }));
    const before = await articleRows(db);
    const again = await ingestAgain(db, source.id, { now: at(plus(60)) });
    expect(again).toEqual(expect.objectContaining({ status: "unchanged", created: 0, updated: 0, unchanged: count }));
    expect(await articleRows(db)).toEqual(before);
  });

  it("takes the feed's title as the source's name and schedules by the RSS ttl", async () => {
    server.serve("/ttl.xml", fixture("rss-2.0.xml"));
    const { source, outcome } = await addAndIngest(db, `${server.url}/ttl.xml`, { now: at(T0) });
    expect(outcome.nextFetchAt).toEqual(plus(30 * 60));
    expect(await findSourceById(db, source.id)).toEqual(
      expect.objectContaining({ name: "Stadt Beispiel – Nachrichten", language: "de-de", nextFetchAt: plus(30 * 60) }),
    );
  });

  it("sends the stored ETag and writes nothing on 304", async () => {
    let hits = 0;
    server.route("/etag.xml", (req, res) => {
      hits++;
      if (req.headers["if-none-match"] === '"abc"') res.writeHead(304).end();
      else res.writeHead(200, { etag: '"abc"', "content-type": "application/rss+xml" }).end(fixture("rss-2.0.xml"));
    });
    const { source } = await addAndIngest(db, `${server.url}/etag.xml`, { now: at(T0) });
    const before = await articleRows(db);
    const again = await ingestAgain(db, source.id, { now: at(plus(900)) });
    expect(again).toEqual(expect.objectContaining({ status: "unchanged", notModified: true, created: 0 }));
    expect(hits).toBe(2);
    expect(await articleRows(db)).toEqual(before);
    expect(await findSourceById(db, source.id)).toEqual(expect.objectContaining({ lastFetchedAt: plus(900), consecutiveFailures: 0 }));
  });

  it("updates a changed item and its updatedAt, adds the new one and leaves the rest", async () => {
    server.serve("/changing.xml", fixture("changing-v1.xml"));
    const { source } = await addAndIngest(db, `${server.url}/changing.xml`);
    const [c1Before, c2Before] = await articleRows(db);
    await new Promise((resolve) => setTimeout(resolve, 5)); // updatedAt has millisecond precision
    server.serve("/changing.xml", fixture("changing-v2.xml"));
    const outcome = await ingestAgain(db, source.id);
    expect(outcome).toEqual(expect.objectContaining({ status: "new", created: 1, updated: 1, unchanged: 1 }));
    const rows = await articleRows(db);
    expect(rows.map((r) => r.title)).toEqual(["Brand new", "Final headline", "Stays"]);
    expect(rows[1].id).toBe(c1Before.id);
    expect(rows[1].updated_at).not.toBe(c1Before.updated_at);
    expect(rows[2]).toEqual(c2Before);
  });

  it("stores a story found in two feeds once, known to both", async () => {
    server.serve("/a.xml", fixture("story-a.xml"));
    server.serve("/b.json", fixture("story-b.json"), { "content-type": "application/feed+json" });
    const a = await addAndIngest(db, `${server.url}/a.xml`);
    const b = await addAndIngest(db, `${server.url}/b.json`);
    expect(a.outcome).toEqual(expect.objectContaining({ created: 1 }));
    expect(b.outcome).toEqual(expect.objectContaining({ status: "new", created: 1, linked: 1 }));
    const rows = await articleRows(db);
    expect(rows.map((r) => [r.title, r.url, Number(r.source_id)])).toEqual([
      ["B's own story", "https://b.example.org/own", b.source.id],
      ["Big story", "https://story.example.com/big", a.source.id],
    ]);
    const known = await select(db, "SELECT source_id, guid FROM article_sources WHERE article_id = ? ORDER BY source_id", [rows[1].id]);
    expect(known.map((k) => [Number(k.source_id), k.guid])).toEqual([
      [a.source.id, "a-1"],
      [b.source.id, "b-77"],
    ]);
    expect(await ingestAgain(db, b.source.id)).toEqual(expect.objectContaining({ status: "unchanged", created: 0, updated: 0, linked: 0, unchanged: 2 }));
    expect(await ingestAgain(db, a.source.id)).toEqual(expect.objectContaining({ status: "unchanged", unchanged: 1 }));
  });

  it("stores duplicate items once, items with distinct guids apart even when they share a URL, and keeps an undated item's first-seen date", async () => {
    server.serve("/dupes.xml", fixture("duplicates.xml"));
    const { source, outcome } = await addAndIngest(db, `${server.url}/dupes.xml`, { now: at(T0) });
    expect(outcome).toEqual(expect.objectContaining({ created: 3 }));
    expect(await ingestAgain(db, source.id, { now: at(plus(3600)) })).toEqual(expect.objectContaining({ status: "unchanged", unchanged: 3 }));
    const rows = await articleRows(db);
    expect(rows.map((r) => dialectOf(db).readDate(r.published_at)?.toISOString())).toEqual(["2024-07-01T12:00:00.000Z", "2024-07-01T12:00:00.000Z", "2024-07-01T12:00:00.000Z"]);
  });

  it("keeps the complete items of a truncated feed and says so", async () => {
    server.serve("/truncated.xml", fixture("truncated.xml"));
    const { outcome } = await addAndIngest(db, `${server.url}/truncated.xml`);
    expect(outcome).toEqual(expect.objectContaining({ status: "new", created: 2, warnings: [expect.stringMatching(/^malformed XML/)] }));
  });

  it("stores entity bombs and external entities as literal text", async () => {
    server.serve("/laughs.xml", fixture("billion-laughs.xml"));
    server.serve("/xxe.xml", fixture("xxe.xml"));
    await addAndIngest(db, `${server.url}/laughs.xml`);
    await addAndIngest(db, `${server.url}/xxe.xml`);
    const rows = await select(db, "SELECT title, teaser, body FROM articles ORDER BY title");
    expect(rows).toEqual([
      { title: "Laugh &lol9;", teaser: "&lol9;&lol9;&lol9;", body: null },
      { title: "Secret: &xxe;", teaser: "&xxe;", body: null },
    ]);
  });

  it("refuses 127.0.0.1 when FETCH_ALLOW_HOSTS does not list it", async () => {
    server.serve("/refused.xml", fixture("rss-2.0.xml"));
    const { outcome } = await addAndIngest(db, `${server.url}/refused.xml`, { allowHosts: [] });
    expect(outcome.status).toBe("failed");
    expect(outcome.error).toMatch(/refused to connect to 127\.0\.0\.1.*FETCH_ALLOW_HOSTS/);
    expect(await articleRows(db)).toEqual([]);
  });

  it("keeps what was stored through every kind of failure, backing off, and recovers", async () => {
    server.serve("/flaky.xml", fixture("rss-2.0.xml"));
    const { source } = await addAndIngest(db, `${server.url}/flaky.xml`, { now: at(T0) });
    const stored = await articleRows(db);
    const hazards: [string, () => void, RegExp][] = [
      ["malformed", () => server.serve("/flaky.xml", fixture("malformed.xml")), /^malformed XML/],
      ["html", () => server.serve("/flaky.xml", fixture("page.html"), { "content-type": "text/html" }), /not a feed/],
      ["500", () => server.route("/flaky.xml", (_q, r) => r.writeHead(500).end()), /^HTTP 500/],
      ["slow", () => server.route("/flaky.xml", (_q, r) => void r.writeHead(200).write("<rss>")), /timed out/],
      ["loop", () => server.route("/flaky.xml", (_q, r) => r.writeHead(302, { location: "/flaky.xml" }).end()), /redirect loop/],
      ["private redirect", () => server.route("/flaky.xml", (_q, r) => r.writeHead(302, { location: "http://192.168.0.1/" }).end()), /refused/],
      ["empty", () => server.serve("/flaky.xml", ""), /empty/],
    ];
    let failures = 0;
    for (const [, serve, error] of hazards) {
      serve();
      const outcome = await ingestAgain(db, source.id, { now: at(T0), fetch: { timeoutMs: 300 } });
      failures++;
      expect(outcome.status).toBe("failed");
      expect(outcome.error).toMatch(error);
      const health = await findSourceById(db, source.id);
      expect(health).toEqual(expect.objectContaining({ consecutiveFailures: failures, lastError: outcome.error, lastFetchedAt: T0, enabled: true }));
      // backoff: 900 s doubled per failure, ±20 %, at most 24 h
      const wait = (health!.nextFetchAt!.getTime() - T0.getTime()) / 1000;
      expect(wait).toBeGreaterThanOrEqual(Math.min(86_400, 0.8 * 900 * 2 ** (failures - 1)));
      expect(wait).toBeLessThanOrEqual(Math.min(86_400, 1.2 * 900 * 2 ** (failures - 1)));
      expect(await articleRows(db)).toEqual(stored);
    }
    server.route("/flaky.xml", (_q, r) => r.writeHead(429, { "retry-after": "7200" }).end());
    const limited = await ingestAgain(db, source.id, { now: at(T0) });
    expect(limited.nextFetchAt.getTime()).toBeGreaterThanOrEqual(plus(7200).getTime());
    server.serve("/flaky.xml", fixture("rss-2.0.xml"));
    expect(await ingestAgain(db, source.id, { now: at(T0) })).toEqual(expect.objectContaining({ status: "unchanged" }));
    expect(await findSourceById(db, source.id)).toEqual(expect.objectContaining({ consecutiveFailures: 0, lastError: null }));
  });

  it("writes a feed in one transaction: a failure mid-feed leaves the store as it was", async () => {
    server.serve("/tx.xml", fixture("rss-2.0.xml"));
    const { source } = await addAndIngest(db, `${server.url}/tx.xml`);
    const before = await articleRows(db);
    const drafts = [
      { guid: "broken", title: undefined as unknown as string },
      { guid: "fine-1", title: "Fine one", url: "https://tx.example.org/1" },
      { guid: "park-2024", title: "Changed park title" },
    ];
    await expect(upsertArticles(db, source.id, drafts)).rejects.toThrow();
    expect(await articleRows(db)).toEqual(before);
    const counts = await select(db, "SELECT (SELECT COUNT(*) FROM article_sources) AS links, (SELECT COUNT(*) FROM tags) AS tags");
    expect(counts.map((row) => ({ links: Number(row.links), tags: Number(row.tags) }))).toEqual([{ links: 2, tags: 2 }]);
  });

  it("never fetches a source without a URL", async () => {
    const [row] = await select<{ id: number }>(db, "INSERT INTO sources (name, url, kind, created_at, updated_at) VALUES ('Seed', NULL, 'SEED', '2024-01-01', '2024-01-01') RETURNING id");
    const source = await findSourceById(db, Number(row.id));
    const outcome = await ingestSource(db, source!, { allowHosts: [] });
    expect(outcome).toEqual(expect.objectContaining({ status: "failed", error: "the source has no URL: only feed sources are fetched" }));
  });
});
