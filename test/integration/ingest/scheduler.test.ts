import pino from "pino";
import type { DataSource } from "typeorm";
import { loadConfig } from "../../../src/config";
import { ingestSources } from "../../../src/ingest/run-sources";
import { startScheduler } from "../../../src/ingest/scheduler";
import { addFeedSource, findSourceById } from "../../../src/store";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { openTestDatabase } from "./ingest-helpers";

const silent = pino({ level: "silent" });

describe("scheduling", () => {
  let server: FeedServer;
  let db: DataSource;
  let close: () => Promise<void>;
  let active = 0;
  let maxActive = 0;
  beforeAll(async () => {
    server = await startFeedServer();
    for (let i = 0; i < 6; i++) {
      server.route(`/slow${i}.xml`, (_req, res) => {
        active++;
        maxActive = Math.max(maxActive, active);
        setTimeout(() => {
          active--;
          res.writeHead(200).end(fixture("rss-0.91.xml"));
        }, 30);
      });
    }
  });
  afterAll(() => server.close());
  beforeEach(async () => {
    ({ db, close } = await openTestDatabase());
    maxActive = 0;
  });
  afterEach(() => close());

  it("fetches at most `concurrency` sources at once and never one source twice at once", async () => {
    const sources = [];
    for (let i = 0; i < 6; i++) sources.push(await addFeedSource(db, { url: `${server.url}/slow${i}.xml` }));
    const before = server.requests.length;
    const [first, second] = await Promise.all([
      ingestSources(db, sources, { concurrency: 2, allowHosts: ["127.0.0.1"] }),
      ingestSources(db, [sources[0], sources[1]], { concurrency: 2, allowHosts: ["127.0.0.1"] }),
    ]);
    // The six serve one document: whichever of the first two sources (fetched side by side) stores it first gets "new".
    expect(first.slice(0, 2).map((o) => o.status).sort()).toEqual(["new", "unchanged"]);
    expect(first.slice(2).map((o) => o.status)).toEqual(["unchanged", "unchanged", "unchanged", "unchanged"]);
    expect(second).toEqual([]);
    expect(server.requests.length - before).toBe(6);
    expect(maxActive).toBe(2);
  });

  it("fetches due sources in the background and stops cleanly", async () => {
    const source = await addFeedSource(db, { url: `${server.url}/slow0.xml` });
    const config = loadConfig({ FETCH_ALLOW_HOSTS: "127.0.0.1", FETCH_CONCURRENCY: "3", LOG_LEVEL: "silent", DATABASE_URL: "sqlite::memory:" });
    const scheduler = startScheduler(db, config, silent);
    await scheduler.ready;
    for (let i = 0; i < 200 && !(await findSourceById(db, source.id))?.lastFetchedAt; i++) await new Promise((r) => setTimeout(r, 10));
    await scheduler.stop();
    const fetched = await findSourceById(db, source.id);
    expect(fetched).toEqual(expect.objectContaining({ name: "Old School News", consecutiveFailures: 0, lastError: null }));
    expect(fetched!.nextFetchAt!.getTime()).toBeGreaterThan(fetched!.lastFetchedAt!.getTime());
  });

  it("cancels a fetch in flight on stop without counting it as a failure", async () => {
    server.route("/hang.xml", () => undefined);
    const source = await addFeedSource(db, { url: `${server.url}/hang.xml` });
    const config = loadConfig({ FETCH_ALLOW_HOSTS: "127.0.0.1", LOG_LEVEL: "silent", DATABASE_URL: "sqlite::memory:" });
    const scheduler = startScheduler(db, config, silent);
    await scheduler.ready;
    while (!server.requests.some((r) => r.path === "/hang.xml")) await new Promise((r) => setTimeout(r, 5));
    await scheduler.stop();
    expect(await findSourceById(db, source.id)).toEqual(expect.objectContaining({ consecutiveFailures: 0, lastError: null, lastFetchedAt: null }));
  });
});
