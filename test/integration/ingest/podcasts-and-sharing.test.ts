import { ingestSource } from "../../../src/ingest/ingest-source";
import { addFeedSource, findSourceById } from "../../../src/store";
import { startFeedServer, type FeedServer } from "../../helpers/feed-server";
import { startTestServer, type TestServer } from "../../helpers/server";

const NOW = new Date("2031-03-01T08:00:00.000Z");

/** A podcast's RSS: every episode links to the show's page, each has its own guid and audio. */
function podcast(show: string, episodes: number[]): string {
  const items = episodes
    .map(
      (n) => `
    <item>
      <title>${show} – Folge ${n}</title>
      <link>https://podcast.example.org/${show.toLowerCase()}/</link>
      <guid isPermaLink="false">${show}-episode-${n}</guid>
      <pubDate>Mon, 0${n} Jan 2031 06:00:00 GMT</pubDate>
      <description>Folge ${n} von ${show}.</description>
      <dc:creator>Ada Sprecherin</dc:creator>
      <dc:creator>Ben Techniker</dc:creator>
      <enclosure url="https://cdn.podcast.example.org/${show.toLowerCase()}-${n}.mp3" type="audio/mpeg" length="${n}000000"/>
      <itunes:duration>00:${10 + n}:05</itunes:duration>
    </item>`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:itunes="http://www.itunes.com/dtds/podcast-1.0.dtd">
  <channel><title>${show}</title><link>https://podcast.example.org/${show.toLowerCase()}/</link>${items}
  </channel>
</rss>`;
}

/** A news feed with one story per item, each at its own address. */
function news(title: string, stories: { guid: string; url: string; title: string }[]): string {
  const items = stories.map((s) => `<item><title>${s.title}</title><link>${s.url}</link><guid isPermaLink="false">${s.guid}</guid></item>`).join("");
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://news.example.org/</link>${items}</channel></rss>`;
}

const ARTICLES = `query ($source: ID!) {
  articles(first: 10, filter: { sourceIds: [$source] }) {
    nodes { title url author authors { name url } attachments { url mimeType sizeInBytes durationInSeconds title } }
  }
}`;

describe("podcasts, shared links and what a fetch could not read", () => {
  let feeds: FeedServer;
  let server: TestServer;
  beforeAll(async () => {
    feeds = await startFeedServer();
    server = await startTestServer({ SCHEDULER: "off" });
  });
  afterAll(async () => {
    await server.stop();
    await feeds.close();
  });

  const ingest = async (path: string, body: string) => {
    feeds.serve(path, body, { "content-type": "application/rss+xml" });
    const source = await addFeedSource(server.db, { url: `${feeds.url}${path}` });
    const outcome = await ingestSource(server.db, source, { allowHosts: ["127.0.0.1"], now: () => NOW });
    return { source, outcome };
  };
  const again = async (sourceId: number) => {
    const source = await findSourceById(server.db, sourceId);
    return ingestSource(server.db, source!, { allowHosts: ["127.0.0.1"], now: () => NOW });
  };
  const globalId = (id: number) => Buffer.from(`Source:${id}`).toString("base64url");

  it("keeps every episode of a podcast whose items all link to the show, with authors and audio", async () => {
    const { source, outcome } = await ingest("/hoerbar.xml", podcast("Hoerbar", [1, 2, 3]));
    expect(outcome).toEqual(expect.objectContaining({ status: "new", created: 3, updated: 0, linked: 0, warnings: [] }));
    const episode = (n: number) => ({
      title: `Hoerbar – Folge ${n}`,
      url: "https://podcast.example.org/hoerbar/",
      author: "Ada Sprecherin",
      authors: [
        { name: "Ada Sprecherin", url: null },
        { name: "Ben Techniker", url: null },
      ],
      attachments: [{ url: `https://cdn.podcast.example.org/hoerbar-${n}.mp3`, mimeType: "audio/mpeg", sizeInBytes: n * 1_000_000, durationInSeconds: (10 + n) * 60 + 5, title: null }],
    });
    expect(await server.gql(ARTICLES, { source: globalId(source.id) })).toEqual({ data: { articles: { nodes: [episode(3), episode(2), episode(1)] } } });
    expect(await again(source.id)).toEqual(expect.objectContaining({ status: "unchanged", created: 0, updated: 0, unchanged: 3 }));
  });

  it("does not take another show's episodes for its own because they link to the same page", async () => {
    const first = await ingest("/show-a.xml", podcast("Gleich", [1, 2]));
    const second = await ingest("/show-b.xml", podcast("Gleich", [3, 4]).replace(/Gleich-episode/g, "B-episode"));
    expect(first.outcome).toEqual(expect.objectContaining({ created: 2, linked: 0 }));
    expect(second.outcome).toEqual(expect.objectContaining({ created: 2, linked: 0 }));
  });

  it("finds a story two feeds share by its own address, once", async () => {
    const story = { url: "https://news.example.org/2031/03/rathaus", title: "Neues Rathaus eröffnet" };
    const a = await ingest("/news-a.xml", news("A", [Object.assign({ guid: "a-1" }, story), { guid: "a-2", url: "https://news.example.org/2031/03/markt", title: "Markt" }]));
    const b = await ingest("/news-b.xml", news("B", [Object.assign({ guid: "b-1" }, story)]));
    expect(a.outcome).toEqual(expect.objectContaining({ created: 2, linked: 0 }));
    expect(b.outcome).toEqual(expect.objectContaining({ created: 0, linked: 1 }));
    expect(await again(b.source.id)).toEqual(expect.objectContaining({ status: "unchanged", created: 0, unchanged: 1 }));
  });

  it("fails a feed that holds items of which none can be read, and says so", async () => {
    const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>Leer</title><link>https://leer.example.org/</link>
      <item><guid isPermaLink="false">x-1</guid></item><item><guid isPermaLink="false">x-2</guid></item></channel></rss>`;
    const { source, outcome } = await ingest("/empty-items.xml", body);
    expect(outcome).toEqual(expect.objectContaining({ status: "failed", error: "the feed holds 2 items but none could be read" }));
    const result = await server.gql(`{ node(id: "${globalId(source.id)}") { ... on Source { lastError lastWarning consecutiveFailures } } }`);
    expect(result).toEqual({ data: { node: { lastError: "the feed holds 2 items but none could be read", lastWarning: null, consecutiveFailures: 1 } } });
  });

  it("shows what a fetch read with trouble until a clean fetch clears it, and counts it", async () => {
    const complete = news("Kaputt", [
      { guid: "k-1", url: "https://news.example.org/k-1", title: "Eins" },
      { guid: "k-2", url: "https://news.example.org/k-2", title: "Zwei" },
    ]);
    const truncated = complete.slice(0, complete.indexOf("<item>", complete.indexOf("</item>")) + 20);
    const { source, outcome } = await ingest("/truncated-news.xml", truncated);
    expect(outcome.status).toBe("new");
    expect(outcome.warnings).toHaveLength(1);
    const read = () => server.gql(`{ node(id: "${globalId(source.id)}") { ... on Source { lastError lastWarning } } }`);
    expect(await read()).toEqual({ data: { node: { lastError: null, lastWarning: outcome.warnings[0] } } });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/^newsgate_ingest_fetches_total\{outcome="warning"\} [1-9]/m);

    feeds.serve("/truncated-news.xml", complete, { "content-type": "application/rss+xml" });
    expect(await again(source.id)).toEqual(expect.objectContaining({ status: "new", created: 1, warnings: [] }));
    expect(await read()).toEqual({ data: { node: { lastError: null, lastWarning: null } } });
  });
});
