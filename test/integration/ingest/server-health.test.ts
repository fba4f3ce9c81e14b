import { ingestSource } from "../../../src/ingest/ingest-source";
import { addFeedSource } from "../../../src/store";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { startTestServer, type TestServer } from "../../helpers/server";

describe("Source health through GraphQL", () => {
  let feeds: FeedServer;
  let server: TestServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
    server = await startTestServer({ SCHEDULER: "on", FETCH_ALLOW_HOSTS: "127.0.0.1" });
  });
  afterAll(async () => {
    await server.stop();
    await feeds.close();
  });

  it("reports lastFetchedAt, lastError, consecutiveFailures and nextFetchAt as ingestion leaves them", async () => {
    feeds.serve("/ok.xml", fixture("atom.xml"));
    feeds.route("/down.xml", (_req, res) => res.writeHead(500).end());
    const ok = await addFeedSource(server.db, { url: `${feeds.url}/ok.xml` });
    const down = await addFeedSource(server.db, { url: `${feeds.url}/down.xml`, name: "Down" });
    const now = new Date("2030-01-01T00:00:00.000Z");
    await ingestSource(server.db, ok, { allowHosts: ["127.0.0.1"], now: () => now });
    const failed = await ingestSource(server.db, down, { allowHosts: ["127.0.0.1"], now: () => now });
    const result = await server.gql("{ sources { name kind url articleCount lastFetchedAt lastError consecutiveFailures nextFetchAt enabled } }");
    expect(result).toEqual({
      data: {
        sources: [
          { name: "Atom Example", kind: "ATOM", url: `${feeds.url}/ok.xml`, articleCount: 2, lastFetchedAt: now.toISOString(), lastError: null, consecutiveFailures: 0, nextFetchAt: "2030-01-01T00:15:00.000Z", enabled: true },
          { name: "Down", kind: "RSS", url: `${feeds.url}/down.xml`, articleCount: 0, lastFetchedAt: now.toISOString(), lastError: "HTTP 500 Internal Server Error", consecutiveFailures: 1, nextFetchAt: failed.nextFetchAt.toISOString(), enabled: true },
          { name: "Stadt Dortmund – Newsroom", kind: "SEED", url: null, articleCount: 16, lastFetchedAt: null, lastError: null, consecutiveFailures: 0, nextFetchAt: null, enabled: true },
        ],
      },
    });
  });
});
