import { performance } from "node:perf_hooks";
import type { Source } from "../../../src/entities";
import { ParsePool } from "../../../src/ingest/parse-pool";
import { ingestSources } from "../../../src/ingest/run-sources";
import { Role } from "../../../src/auth/roles";
import { addFeedSource, findSourceById } from "../../../src/store";
import { createKey, gqlAs } from "../../helpers/auth";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { startTestServer, type TestServer } from "../../helpers/server";

/** An RSS 2.0 document around `items` (whole <item> elements) and anything else inside <channel>. */
function rss(items: string): string {
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Hostile</title><link>https://hostile.example.org/</link>${items}</channel></rss>`;
}

let site = 0;

/** An item of a site of its own: items of different documents never match. */
function item(i: number, description: string): string {
  if (i === 0 || i === 1) site++;
  return `<item><title>Item ${i}</title><link>https://site${site}.example.org/a/${i}</link><guid>site${site}-${i}</guid><description>${description}</description></item>`;
}

/** 200,000 <b> never closed, in an item's description (escaped, as most feeds write HTML). */
const unclosedBold = () => rss(item(1, "&lt;b&gt;".repeat(200_000) + "bold at last"));
/** The same as CDATA: 600 KB. */
const unclosedBoldCdata = () => rss(item(1, `<![CDATA[${"<b>".repeat(200_000)}bold at last]]>`));
/** 300,000 nested <div> in a CDATA description. */
const nestedDivs = () => rss(item(1, `<![CDATA[${"<div>".repeat(300_000)}deep inside${"</div>".repeat(300_000)}]]>`));
/** XML nested a million levels deep: the parser stops at its limit. */
const deepXml = () => rss(`<item><title>Deep</title>${"<x>".repeat(1_000_000)}`);
/** So many items that reading them takes seconds. */
const manyItems = (count: number) => rss(Array.from({ length: count }, (_, i) => item(i, `Paragraph ${i} about the town and its news, with <b>markup</b>.`)).join(""));

/** Polls /healthz back to back while `work` runs; returns the slowest answer in ms and how many were made. */
async function healthDuring<T>(url: string, work: Promise<T>): Promise<{ result: T; slowestMs: number; polls: number; totalMs: number }> {
  const began = performance.now();
  let done = false;
  let slowestMs = 0;
  let polls = 0;
  const poll = async () => {
    while (!done) {
      const start = performance.now();
      const response = await fetch(`${url}/healthz`);
      await response.text();
      slowestMs = Math.max(slowestMs, performance.now() - start);
      polls++;
      expect(response.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const polling = poll();
  try {
    const result = await work;
    return { result, slowestMs, polls, totalMs: performance.now() - began };
  } finally {
    done = true;
    await polling;
  }
}

describe("Hostile feed documents", () => {
  let feeds: FeedServer;
  let server: TestServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
    server = await startTestServer({ FETCH_ALLOW_HOSTS: "127.0.0.1" });
    // Warm the connection to /healthz: the first request also opens the socket.
    await (await fetch(`${server.url}/healthz`)).text();
  });
  afterAll(async () => {
    await server.stop();
    await feeds.close();
  });

  const add = (path: string, body: string): Promise<Source> => {
    feeds.serve(path, body);
    return addFeedSource(server.db, { url: `${feeds.url}${path}`, name: path });
  };

  it("reads deep HTML fast, stops reading deep XML at its limit, and the other sources of the run still ingest while /healthz answers", async () => {
    const sources = [
      await add("/bold.xml", unclosedBold()),
      await add("/bold-cdata.xml", unclosedBoldCdata()),
      await add("/divs.xml", nestedDivs()),
      await add("/deep.xml", deepXml()),
    ];
    feeds.serve("/ok.xml", fixture("rss-2.0.xml"));
    sources.push(await addFeedSource(server.db, { url: `${feeds.url}/ok.xml`, name: "/ok.xml" }));
    const pool = new ParsePool({ threads: 2, timeoutMs: 10_000, memoryMb: 256 });
    try {
      const { result: outcomes, slowestMs, polls, totalMs } = await healthDuring(server.url, ingestSources(server.db, sources, { concurrency: 2, allowHosts: ["127.0.0.1"], parsePool: pool }));
      const byName = Object.fromEntries(outcomes.map((o) => [o.url!.slice(feeds.url.length), o]));
      expect(byName["/bold.xml"]).toMatchObject({ status: "new", created: 1 });
      expect(byName["/bold-cdata.xml"]).toMatchObject({ status: "new", created: 1 });
      expect(byName["/divs.xml"]).toMatchObject({ status: "new", created: 1 });
      // Parsing stops at the depth limit; what was read before it is kept, with a warning.
      expect(byName["/deep.xml"]).toMatchObject({ status: "new", created: 1, warnings: [expect.stringContaining("elements nested deeper than 200 levels")] });
      expect(byName["/ok.xml"].status).toBe("new");
      // The documents are read off the event loop: /healthz kept answering, none of its answers
      // waited for more than a small part of the run (a ratio, so a busy machine slows both alike).
      expect(polls).toBeGreaterThan(5);
      expect(slowestMs).toBeLessThanOrEqual(totalMs / 4);
    } finally {
      await pool.close();
    }
    const deep = await findSourceById(server.db, sources[3].id);
    expect(deep).toMatchObject({ lastError: null, lastWarning: expect.stringContaining("elements nested deeper than 200 levels"), consecutiveFailures: 0 });
  });

  it("fails a document over its time budget alone, replaces its worker and backs the source off", async () => {
    const slow = await add("/many.xml", manyItems(50_000));
    feeds.serve("/ok-too.xml", fixture("atom.xml"));
    const ok = await addFeedSource(server.db, { url: `${feeds.url}/ok-too.xml`, name: "/ok-too.xml" });
    const pool = new ParsePool({ threads: 1, timeoutMs: 200, memoryMb: 256 });
    try {
      const { result: outcomes, slowestMs, totalMs } = await healthDuring(server.url, ingestSources(server.db, [slow, ok], { concurrency: 1, allowHosts: ["127.0.0.1"], parsePool: pool }));
      expect(outcomes.map((o) => [o.status, o.error])).toEqual([["failed", "parsing took longer than 0.2 s"], ["new", undefined]]);
      expect(slowestMs).toBeLessThanOrEqual(totalMs / 2);
    } finally {
      await pool.close();
    }
    const failed = await findSourceById(server.db, slow.id);
    expect(failed).toMatchObject({ lastError: "parsing took longer than 0.2 s", consecutiveFailures: 1 });
    expect(failed!.nextFetchAt!.getTime()).toBeGreaterThan(Date.now());
    const listed = await server.gql("{ sources { url lastError } }");
    expect(listed.data.sources).toContainEqual({ url: slow.url, lastError: "parsing took longer than 0.2 s" });
  });

  it("refuses a document too large for a worker's memory, alone", async () => {
    const big = await add("/huge.xml", manyItems(20_000));
    feeds.serve("/fine.xml", fixture("rss-2.0.xml"));
    // The same items as /ok.xml of the first test: stored once, this source knows them too.
    const fine = await addFeedSource(server.db, { url: `${feeds.url}/fine.xml`, name: "/fine.xml" });
    const pool = new ParsePool({ threads: 1, timeoutMs: 10_000, memoryMb: 16 });
    try {
      const outcomes = await ingestSources(server.db, [big, fine], { concurrency: 1, allowHosts: ["127.0.0.1"], parsePool: pool });
      expect(outcomes.map((o) => o.status)).toEqual(["failed", "unchanged"]);
      expect(outcomes[0].error).toMatch(/^parsing a 3\.\d MB document needs more than the 16 MB a parsing worker may use: raise FEED_PARSE_MEMORY_MB to parse it$/);
    } finally {
      await pool.close();
    }
  });

  it("reads a document fetched by the refreshSource mutation in the server's workers, within their budget", async () => {
    const budgeted = await startTestServer({ FETCH_ALLOW_HOSTS: "127.0.0.1", SCHEDULER: "off", FEED_PARSE_TIMEOUT_MS: "200" });
    try {
      feeds.serve("/refresh.xml", manyItems(50_000));
      const source = await addFeedSource(budgeted.db, { url: `${feeds.url}/refresh.xml`, name: "/refresh.xml" });
      const admin = await createKey(budgeted.db, Role.ADMIN);
      const id = Buffer.from(`Source:${source.id}`).toString("base64url");
      const { result, slowestMs, totalMs } = await healthDuring(
        budgeted.url,
        gqlAs(budgeted, admin, "mutation($id: ID!) { refreshSource(input: { id: $id }) { status source { lastError } } }", { id }),
      );
      expect(result.body).toEqual({ data: { refreshSource: { status: "FAILED", source: { lastError: "parsing took longer than 0.2 s" } } } });
      expect(slowestMs).toBeLessThanOrEqual(totalMs / 2);
    } finally {
      await budgeted.stop();
    }
  });
});
