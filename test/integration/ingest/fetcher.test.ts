import zlib from "node:zlib";
import { fetchFeed } from "../../../src/ingest/fetcher";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";

const ALLOW = ["127.0.0.1"];

describe("fetchFeed", () => {
  let server: FeedServer;
  beforeAll(async () => {
    server = await startFeedServer();
  });
  afterAll(() => server.close());

  it("refuses 127.0.0.1 unless FETCH_ALLOW_HOSTS lists it", async () => {
    server.serve("/plain.xml", fixture("rss-2.0.xml"));
    await expect(fetchFeed(`${server.url}/plain.xml`)).rejects.toThrow(/refused to connect to 127\.0\.0\.1 .*FETCH_ALLOW_HOSTS/);
    await expect(fetchFeed(`${server.url.replace("127.0.0.1", "localhost")}/plain.xml`)).rejects.toThrow(/refused to connect to localhost/);
    const ok = await fetchFeed(`${server.url}/plain.xml`, { allowHosts: ALLOW });
    expect(ok.status).toBe(200);
    expect(ok.body.equals(fixture("rss-2.0.xml"))).toBe(true);
  });

  it("names Newsgate in the User-Agent and asks for compressed bodies", async () => {
    await fetchFeed(`${server.url}/plain.xml`, { allowHosts: ALLOW });
    const { headers } = server.requests[server.requests.length - 1];
    expect(headers["user-agent"]).toMatch(/^Newsgate\//);
    expect(headers["accept-encoding"]).toBe("gzip, deflate, br");
  });

  it.each([
    ["gzip", zlib.gzipSync],
    ["deflate", zlib.deflateSync],
    ["br", zlib.brotliCompressSync],
  ] as const)("decodes %s", async (encoding, compress) => {
    server.serve(`/${encoding}.xml`, compress(fixture("atom.xml")), { "content-encoding": encoding });
    const result = await fetchFeed(`${server.url}/${encoding}.xml`, { allowHosts: ALLOW });
    expect(result.body.equals(fixture("atom.xml"))).toBe(true);
  });

  it("sends the validators and reports 304 Not Modified", async () => {
    server.route("/conditional.xml", (req, res) => {
      if (req.headers["if-none-match"] === '"v1"' || req.headers["if-modified-since"] === "Tue, 18 Jun 2024 10:00:00 GMT") res.writeHead(304).end();
      else res.writeHead(200, { etag: '"v1"', "last-modified": "Tue, 18 Jun 2024 10:00:00 GMT" }).end(fixture("rss-2.0.xml"));
    });
    const first = await fetchFeed(`${server.url}/conditional.xml`, { allowHosts: ALLOW });
    expect([first.status, first.etag, first.lastModified]).toEqual([200, '"v1"', "Tue, 18 Jun 2024 10:00:00 GMT"]);
    expect((await fetchFeed(`${server.url}/conditional.xml`, { allowHosts: ALLOW, etag: '"v1"' })).status).toBe(304);
    expect((await fetchFeed(`${server.url}/conditional.xml`, { allowHosts: ALLOW, lastModified: first.lastModified })).status).toBe(304);
  });

  it("follows up to 5 redirects and stops at the 6th or at a loop", async () => {
    for (let i = 0; i < 7; i++) server.route(`/hop${i}`, (_req, res) => res.writeHead(302, { location: `/hop${i + 1}` }).end());
    server.serve("/hop5", fixture("rss-0.91.xml"));
    const ok = await fetchFeed(`${server.url}/hop0`, { allowHosts: ALLOW });
    expect(ok.url).toBe(`${server.url}/hop5`);
    server.route("/hop5", (_req, res) => res.writeHead(302, { location: "/hop6" }).end());
    await expect(fetchFeed(`${server.url}/hop0`, { allowHosts: ALLOW })).rejects.toThrow(/too many redirects \(more than 5\)/);
    server.route("/loop-a", (_req, res) => res.writeHead(301, { location: "/loop-b" }).end());
    server.route("/loop-b", (_req, res) => res.writeHead(301, { location: "/loop-a" }).end());
    await expect(fetchFeed(`${server.url}/loop-a`, { allowHosts: ALLOW })).rejects.toThrow(/redirect loop/);
  });

  it("refuses a redirect to a private, metadata or non-http address", async () => {
    for (const [path, target] of [
      ["/to-metadata", "http://169.254.169.254/latest/meta-data/"],
      ["/to-private", "http://10.0.0.1/feed"],
      ["/to-hex-metadata", "http://0xa9.0xfe.0xa9.0xfe/feed"],
      ["/to-mapped", "http://[::ffff:10.0.0.1]/feed"],
      ["/to-decimal", "http://167772161/feed"],
    ]) {
      server.route(path, (_req, res) => res.writeHead(302, { location: target }).end());
      await expect(fetchFeed(`${server.url}${path}`, { allowHosts: ALLOW })).rejects.toThrow(/refused to connect/);
    }
    server.route("/to-file", (_req, res) => res.writeHead(302, { location: "file:///etc/passwd" }).end());
    await expect(fetchFeed(`${server.url}/to-file`, { allowHosts: ALLOW })).rejects.toThrow(/file: URLs are not fetched/);
    await expect(fetchFeed("ftp://example.org/feed")).rejects.toThrow(/only http and https/);
  });

  it("aborts a body past the cap, announced or streamed, compressed or not", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    server.route("/endless", (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      const pump = () => {
        while (res.write(chunk)) if (res.destroyed) return;
      };
      res.on("drain", pump);
      res.on("close", () => res.off("drain", pump));
      pump();
    });
    await expect(fetchFeed(`${server.url}/endless`, { allowHosts: ALLOW })).rejects.toThrow(/body too large: more than 15728640 bytes/);
    server.serve("/bomb", zlib.gzipSync(Buffer.alloc(20 * 1024 * 1024)), { "content-encoding": "gzip" });
    await expect(fetchFeed(`${server.url}/bomb`, { allowHosts: ALLOW, maxBytes: 1024 * 1024 })).rejects.toThrow(/body too large/);
    server.route("/announced", (_req, res) => res.writeHead(200, { "content-length": String(20 * 1024 * 1024) }).end());
    await expect(fetchFeed(`${server.url}/announced`, { allowHosts: ALLOW })).rejects.toThrow(/20971520 bytes announced/);
  });

  it("gives up on a slow server after the timeout", async () => {
    server.route("/slow", (_req, res) => {
      res.writeHead(200, { "content-type": "application/xml" });
      res.write("<rss>");
      // never ends
    });
    await expect(fetchFeed(`${server.url}/slow`, { allowHosts: ALLOW, timeoutMs: 200 })).rejects.toThrow("timed out after 0.2 s");
  });

  it("reports HTTP errors with their status and Retry-After", async () => {
    server.route("/busy", (_req, res) => res.writeHead(503, { "retry-after": "120" }).end());
    await expect(fetchFeed(`${server.url}/busy`, { allowHosts: ALLOW })).rejects.toMatchObject({ message: "HTTP 503 Service Unavailable", status: 503, retryAfterSeconds: 120 });
    await expect(fetchFeed(`${server.url}/missing`, { allowHosts: ALLOW })).rejects.toThrow("HTTP 404 Not Found");
  });
});
