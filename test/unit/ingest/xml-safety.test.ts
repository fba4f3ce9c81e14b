import { readFileSync } from "node:fs";
import { decodeFeed } from "../../../src/ingest/charset";
import { normalizeFeed } from "../../../src/ingest/normalize";
import { parseFeed } from "../../../src/ingest/parse-feed";
import { parseOpml } from "../../../src/ingest/opml";
import { fixture } from "../../helpers/feed-server";

const drafts = (name: string) =>
  normalizeFeed(parseFeed(decodeFeed(fixture(name)).text), { feedUrl: "https://feeds.example.org/feed", firstSeen: new Date(0) });

describe("XML hazards", () => {
  it("reads a billion-laughs document with its entities left literal, unexpanded", () => {
    const [item] = drafts("billion-laughs.xml");
    expect(item.title).toBe("Laugh &lol9;");
    expect(item.teaser).toBe("&lol9;&lol9;&lol9;");
  });

  it("never resolves external entities: nothing from the file system reaches an article", () => {
    const [item] = drafts("xxe.xml");
    expect(item.title).toBe("Secret: &xxe;");
    expect(JSON.stringify(item)).not.toMatch(/root:|daemon:/);
    expect(readFileSync("/etc/passwd", "utf8")).toMatch(/root:/); // the file is there to be read, and was not
  });

  it("keeps the complete items of a truncated feed, with a warning", () => {
    const feed = parseFeed(decodeFeed(fixture("truncated.xml")).text);
    expect(feed.items.map((i) => i.guid)).toEqual(["cut-1", "cut-2"]);
    expect(feed.warnings).toEqual([expect.stringMatching(/^malformed XML .*kept the 2 complete items$/)]);
  });

  it("fails on XML too broken to yield anything", () => {
    expect(() => parseFeed(fixture("malformed.xml").toString())).toThrow(/^malformed XML: /);
  });

  it("reads stray ampersands and HTML entities as text", () => {
    const feed = parseFeed('<rss><channel><title>Q&A &nbsp;&mdash; &copy;</title><item><title>Tom & Jerry</title></item></channel></rss>');
    expect(feed.title).toBe("Q&A \u00a0— ©");
    expect(feed.items[0].title).toBe("Tom & Jerry");
  });

  it("reads OPML without expanding entities either", () => {
    const opml = `<?xml version="1.0"?><!DOCTYPE opml [<!ENTITY x SYSTEM "file:///etc/passwd">]>
      <opml version="2.0"><body><outline text="Folder"><outline text="&x;" xmlUrl="https://a.example.org/feed"/></outline>
      <outline title="B" xmlUrl="https://b.example.org/feed"/></body></opml>`;
    expect(parseOpml(opml)).toEqual([
      { url: "https://a.example.org/feed", name: "&x;" },
      { url: "https://b.example.org/feed", name: "B" },
    ]);
  });
});
