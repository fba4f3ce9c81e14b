import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "../../../src/cli";
import { createTestDatabase, type TestDatabase } from "../../helpers/database";
import { fixture, startFeedServer, type FeedServer } from "../../helpers/feed-server";

describe("CLI: sources, opml, ingest", () => {
  let server: FeedServer;
  let dir: string;
  let store: TestDatabase;
  let env: Record<string, string>;
  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCli(argv, env, (l) => out.push(l), (l) => err.push(l));
    return { code, out, err };
  };

  beforeAll(async () => {
    server = await startFeedServer();
    server.serve("/a.xml", fixture("rss-2.0.xml"));
    server.serve("/b.atom", fixture("atom.xml"));
    server.route("/gone.xml", (_req, res) => res.writeHead(410).end());
    dir = mkdtempSync(join(tmpdir(), "newsgate-cli-"));
    store = await createTestDatabase();
    env = { DATABASE_URL: store.url, FETCH_ALLOW_HOSTS: "127.0.0.1", LOG_LEVEL: "silent" };
  });
  afterAll(async () => {
    await server.close();
    await store.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("adds, lists and refuses bad sources with a message that says what to change", async () => {
    expect(await cli("sources", "add", `${server.url}/a.xml`, "--interval", "600")).toEqual({
      code: 0,
      out: [`added source #1 ${server.url}/a.xml (every 600 s)`],
      err: [],
    });
    expect((await cli("sources", "add", `${server.url}/a.xml`)).err).toEqual([`sources: ${server.url}/a.xml is already source #1: remove it first or use another URL`]);
    expect(await cli("sources", "add", "ftp://x.example.org/feed")).toEqual(expect.objectContaining({ code: 2, err: [expect.stringMatching(/only http and https/)] }));
    expect(await cli("sources", "add", `${server.url}/b.atom`, "--interval", "5")).toEqual(
      expect.objectContaining({ code: 2, err: ["sources: --interval must be whole seconds from 60 to 86400, got \"5\""] }),
    );
    const list = await cli("sources", "list");
    expect(list.out[0].split("\t")).toEqual(["id", "kind", "name", "url", "articles", "last fetched", "failures", "next fetch", "last error", "last warning"]);
    expect(list.out[1].split("\t").slice(0, 5)).toEqual(["#1", "RSS", `${server.url}/a.xml`, `${server.url}/a.xml`, "0"]);
  });

  it("imports and exports OPML", async () => {
    const opml = join(dir, "subs.opml");
    writeFileSync(
      opml,
      `<?xml version="1.0"?><opml version="2.0"><head><title>Subs</title></head><body><outline text="News">
        <outline type="rss" text="Atom B" xmlUrl="${server.url}/b.atom"/><outline type="rss" text="Gone" xmlUrl="${server.url}/gone.xml"/>
        <outline type="rss" text="Again A" xmlUrl="${server.url}/a.xml"/></outline></body></opml>`,
    );
    const imported = await cli("opml", "import", opml);
    expect(imported.code).toBe(0);
    expect(imported.out).toEqual([
      `added source #2 ${server.url}/b.atom`,
      `added source #3 ${server.url}/gone.xml`,
      `skipped ${server.url}/a.xml: ${server.url}/a.xml is already source #1: remove it first or use another URL`,
      "opml import: 2 added, 1 skipped",
    ]);
    const exported = await cli("opml", "export");
    expect(exported.out.join("\n")).toContain(`<outline type="rss" text="Atom B" title="Atom B" xmlUrl="${server.url}/b.atom"/>`);
    expect(exported.out.join("\n")).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<opml version="2.0">/);
    expect((await cli("opml", "import", join(dir, "missing.opml"))).code).toBe(1);
  });

  it("ingests every due source once, prints a line each and exits 1 when one failed", async () => {
    const run = await cli("ingest", "--once");
    expect(run.code).toBe(1);
    expect([...run.out].sort()).toEqual(
      [
        "#1 Stadt Beispiel – Nachrichten: new (2 new, 0 updated, 0 unchanged)",
        "#2 Atom B: new (2 new, 0 updated, 0 unchanged)",
        "#3 Gone: failed: HTTP 410 Gone",
        "ingest: 2 succeeded, 1 failed",
      ].sort(),
    );
    expect(run.err[0]).toBe("fetching 3 sources, 4 at once");
    expect(run.err.slice(1).map((l) => l.replace(/\].*/, "]"))).toEqual(["[1/3]", "[2/3]", "[3/3]"]);
    expect(await cli("ingest", "--once")).toEqual({ code: 0, out: [], err: ["no source is due"] });
    const one = await cli("ingest", "--once", "--source", "1");
    expect(one).toEqual(expect.objectContaining({ code: 0, out: ["#1 Stadt Beispiel – Nachrichten: unchanged (0 new, 0 updated, 2 unchanged)", "ingest: 1 succeeded, 0 failed"] }));
    expect((await cli("ingest", "--once", "--source", "x")).code).toBe(2);
    const list = await cli("sources", "list");
    expect(list.out[2].split("\t").slice(0, 7)).toEqual(["#3", "RSS", "Gone", `${server.url}/gone.xml`, "0", expect.any(String), "1"]);
    expect(list.out[2].split("\t")[8]).toBe("HTTP 410 Gone");
  });

  it("removes a source and only its own articles", async () => {
    expect(await cli("sources", "remove", "2")).toEqual({ code: 0, out: ["removed source #2"], err: [] });
    expect(await cli("sources", "remove", "2")).toEqual({ code: 1, out: [], err: ['there is no source #2: see "sources list"'] });
    const list = await cli("sources", "list");
    expect(list.out.map((l) => l.split("\t")[0])).toEqual(["id", "#3", "#1"]);
  });
});
