import { decodeFeed } from "../../../src/ingest/charset";
import { parseDuration } from "../../../src/ingest/duration";
import { normalizeFeed } from "../../../src/ingest/normalize";
import { parseFeed } from "../../../src/ingest/parse-feed";
import { joinUrl } from "../../../src/ingest/xml-base";
import { fixture } from "../../helpers/feed-server";

const FIRST_SEEN = new Date("2024-07-01T00:00:00.000Z");
const FEED_URL = "https://feeds.example.org/feed";
const read = (name: string) => parseFeed(decodeFeed(fixture(name)).text);
const drafts = (name: string) => normalizeFeed(read(name), { feedUrl: FEED_URL, firstSeen: FIRST_SEEN });
const file = (url: string, mimeType: string | null, sizeInBytes: number | null, durationInSeconds: number | null = null, title: string | null = null) => ({
  url,
  mimeType,
  sizeInBytes,
  durationInSeconds,
  title,
});

describe("podcasts and video feeds", () => {
  it("keeps episodes with distinct guids that all link to the show, and says the link is not theirs", () => {
    expect(drafts("podcast.xml").map((d) => [d.guid, d.title, d.url, d.urlIsPermalink, d.author, d.teaser, d.attachments, d.images?.map((i) => i.url)])).toEqual([
      ["garden-ep-3", "Episode 3: Compost", "https://garden.example.com/show", false, "Rosa Beet", "All about compost.", [file("https://cdn.garden.example.com/ep3.mp3", "audio/mpeg", 29812345, 3723)], []],
      ["garden-ep-2", "Episode 2: Seeds", "https://garden.example.com/show", false, null, "Which seeds to sow in June.", [file("https://cdn.garden.example.com/ep2.m4a", "audio/x-m4a", null, 2730)], []],
      [
        "garden-ep-1",
        "Episode 1: Soil",
        "https://garden.example.com/show",
        false,
        null,
        "Getting to know your soil.",
        [file("https://cdn.garden.example.com/ep1.mp4", "video/mp4", 123456789, 1800)],
        ["https://cdn.garden.example.com/ep1.jpg"],
      ],
      [null, "Trailer", "https://garden.example.com/show", false, null, "What the show is about.", [file("https://cdn.garden.example.com/trailer.mp3", "audio/mpeg", 1000)], []],
      [null, "Bonus", "https://garden.example.com/show", false, null, "A bonus with no guid.", [], []],
    ]);
  });

  it("reads a YouTube feed: the description in media:group is the teaser, the author has a URL", () => {
    expect(drafts("youtube.xml")).toEqual([
      {
        guid: "yt:video:vid00000001",
        title: "Fixing a flat tyre",
        teaser: "Ten minutes, two levers and a patch. Tools listed below.",
        body: null,
        url: "https://www.youtube.com/watch?v=vid00000001",
        language: null,
        author: "Bike Repairs",
        authors: [{ name: "Bike Repairs", url: "https://www.youtube.com/channel/UCexample" }],
        publishedAt: new Date("2024-06-18T12:00:00.000Z"),
        dateUnknown: false,
        tags: [],
        images: [{ url: "https://i.example.com/vi/vid00000001/hqdefault.jpg", alt: "Ten minutes, two levers and a patch.\nTools listed below.", width: 480, height: 360 }],
        links: [],
        attachments: [file("https://www.youtube.com/v/vid00000001?version=3", "application/x-shockwave-flash", null, null, "Fixing a flat tyre")],
      },
    ]);
  });

  it("reads itunes:duration as HH:MM:SS, MM:SS or seconds", () => {
    expect(["01:02:03", "45:30", "1800", "90.6", "", "1:xx", "0"].map(parseDuration)).toEqual([3723, 2730, 1800, 91, null, null, null]);
  });
});

describe("relative URLs and xml:base", () => {
  it("resolves nested xml:base in Atom, the outermost against the document URL, content against its own base", () => {
    const [first, second] = drafts("xml-base-atom.xml");
    expect(first).toEqual(
      expect.objectContaining({
        url: "https://feeds.example.org/journal/2024/june/post.html",
        body: '<p><img src="https://media.example.net/assets/pic.png" alt="Pic" /> <a href="https://media.example.net/more.html" rel="noopener noreferrer">more</a></p>',
        authors: [{ name: "Base Writer", url: "https://feeds.example.org/journal/about/" }],
        attachments: [file("https://feeds.example.org/journal/2024/june/talk.ogg", "audio/ogg", 4096)],
      }),
    );
    expect(second).toEqual(
      expect.objectContaining({
        url: "https://elsewhere.example.org/x/y/z.html",
        links: [{ url: "https://elsewhere.example.org/x/w.html", label: "w" }],
      }),
    );
  });

  it("resolves a permalink guid path against the site, and xml:base on RSS items for links, images and enclosures", () => {
    expect(drafts("xml-base-rss.xml").map((d) => [d.url, d.links, d.images?.map((i) => i.url), d.attachments?.map((a) => a.url)])).toEqual([
      [
        "https://www.relative.example.com/blog/some-post",
        [{ url: "https://www.relative.example.com/blog/other", label: "other" }],
        [],
        ["https://www.relative.example.com/files/some-post.mp3"],
      ],
      [
        "https://static.relative.example.com/2024/posts/based.html",
        [],
        ["https://static.relative.example.com/2024/thumbs/a.jpg", "https://static.relative.example.com/2024/img/a.png"],
        ["https://static.relative.example.com/2024/audio/a.mp3"],
      ],
      [null, [], [], []],
    ]);
  });

  it("joins references per RFC 3986, keeping relative bases relative until the document URL is known", () => {
    expect(joinUrl("https://a.example/b/c/", "../d")).toBe("https://a.example/b/d");
    expect(joinUrl("/journal/", "2024/")).toBe("/journal/2024/");
    expect(joinUrl("/journal/2024/", "../x.html")).toBe("/journal/x.html");
    expect(joinUrl("posts/", "a.html")).toBe("posts/a.html");
    expect(joinUrl("posts/", "/root.html")).toBe("/root.html");
    expect(joinUrl(null, "a.html")).toBe("a.html");
    expect(joinUrl("/j/", "https://other.example/")).toBe("https://other.example/");
  });
});

describe("namespaces and dialects", () => {
  it("reads RSS 2.0 in the userland namespace like RSS 2.0", () => {
    const feed = read("rss-userland.xml");
    expect([feed.format, feed.title, feed.link, feed.language, feed.itemsInDocument]).toEqual(["rss-2.0", "Old Namespace", "http://userland.example.org/", "en-us", 2]);
    expect(drafts("rss-userland.xml").map((d) => [d.url, d.author, d.tags, d.publishedAt?.toISOString(), d.attachments?.length])).toEqual([
      ["http://userland.example.org/2004/01/first", "Pat Older", ["history"], "2004-01-01T12:00:00.000Z", 1],
      ["http://userland.example.org/2004/01/second", "Lee Later", [], "2004-01-02T12:00:00.000Z", 0],
    ]);
  });

  it("reads Atom 0.3: issued/modified/created, escaped, base64 and inline content, authors with url", () => {
    expect(drafts("atom-0.3.xml").map((d) => [d.guid, d.url, d.body, d.teaser, d.authors, d.publishedAt?.toISOString()])).toEqual([
      ["tag:zero3.example.org,2005:1", "http://zero3.example.org/2005/escaped", "<p>Hello <b>world</b></p>", "Hello world", [{ name: "Quinn Writer", url: "http://zero3.example.org/quinn" }], "2005-03-01T15:00:00.000Z"],
      ["tag:zero3.example.org,2005:2", "http://zero3.example.org/2005/base64", "<p>Encoded <i>body</i></p>", "Encoded body", [{ name: "Feed Keeper", url: "http://zero3.example.org/keeper" }], "2005-02-27T08:00:00.000Z"],
      ["tag:zero3.example.org,2005:3", "http://zero3.example.org/2005/xml", "<p>Inline <em>markup</em></p>", "Plain summary.", [{ name: "Feed Keeper", url: "http://zero3.example.org/keeper" }], "2005-02-20T08:00:00.000Z"],
    ]);
  });

  it("reads content:, dc:, media:, itunes: and atom: used without declarations, with no warning", () => {
    const feed = read("undeclared-prefixes.xml");
    expect(feed.warnings).toEqual([]);
    expect(feed.items).toEqual([
      {
        guid: "forgetful-a",
        title: "Prefixes without declarations",
        link: "https://forgetful.example.org/a",
        summary: null,
        content: "<p>Full <b>text</b></p>",
        author: "Sam Undeclared",
        authors: [{ name: "Sam Undeclared" }],
        published: "2024-06-18T09:30:00+02:00",
        updated: null,
        categories: [],
        images: [
          { url: "https://forgetful.example.org/clip.jpg", alt: null, width: null, height: null },
          { url: "https://forgetful.example.org/art.png", alt: null, width: null, height: null },
        ],
        attachments: [file("https://forgetful.example.org/clip.mp4", "video/mp4", 700000, 95, "The clip")],
        base: null,
        contentBase: undefined,
      },
    ]);
  });

  it("reads RSS 0.90 and RSS in an unexpected default namespace", () => {
    expect(read("rss-0.90.rdf").items.map((i) => i.link)).toEqual(["http://ninety.example.org/1", "http://ninety.example.org/2"]);
    expect(read("rss-odd-namespace.xml").items.map((i) => i.title)).toEqual(["Still an item"]);
  });
});

describe("authors", () => {
  it("reads every author an RSS item names: dc:creator (also as a list), author, atom:author; never the channel's", () => {
    expect(drafts("rss-authors.xml").map((d) => [d.author, d.authors, d.publishedAt?.toISOString()])).toEqual([
      ["Ada One", [{ name: "Ada One", url: null }, { name: "Ben Two", url: null }], "2024-06-18T08:00:00.000Z"],
      ["Cleo Three", [{ name: "Cleo Three", url: null }], "2024-06-17T08:00:00.000Z"],
      ["Dana Four", [{ name: "Dana Four", url: "https://hands.example.org/dana" }], "2024-06-16T08:00:00.000Z"],
      ["Eve Five", [{ name: "Eve Five", url: null }, { name: "Finn Six", url: null }], "2024-06-15T08:00:00.000Z"],
      [null, [], "2024-06-14T08:00:00.000Z"],
    ]);
    expect(read("rss-authors.xml").items[2].authors).toEqual([{ name: "Dana Four", url: "https://hands.example.org/dana", email: "dana@hands.example.org" }]);
  });

  it("reads JSON Feed authors with URLs and attachments, image attachments as images", () => {
    const [morning, evening] = drafts("json-feed-attachments.json");
    expect(morning).toEqual(
      expect.objectContaining({
        author: "Host One",
        authors: [{ name: "Host One", url: "https://radio.example.org/host1" }, { name: "Host Two", url: null }],
        attachments: [file("https://radio.example.org/r1.mp3", "audio/mpeg", 8000000, 3600, "Full hour")],
        images: [{ url: "https://radio.example.org/r1.jpg", alt: null, width: null, height: null }],
      }),
    );
    expect(evening).toEqual(expect.objectContaining({ author: "Radio Team", authors: [{ name: "Radio Team", url: "https://radio.example.org/team" }], attachments: [] }));
  });
});

describe("encodings", () => {
  it.each(["utf16le-bom.xml", "utf16be-bom.xml", "utf16le-nobom.xml", "utf16be-nobom.xml", "utf32le-bom.xml", "utf32be-nobom.xml"])("reads %s", (name) => {
    const feed = read(name);
    expect([feed.title, feed.items[0].title]).toEqual(["Wide Chars — 日本 𝄞", "Grüße 🎉"]);
  });

  it("names the encoding it found", () => {
    expect(["utf16le-bom.xml", "utf16be-nobom.xml", "utf32le-bom.xml", "utf32be-nobom.xml"].map((n) => decodeFeed(fixture(n), "text/xml; charset=iso-8859-1").charset)).toEqual([
      "utf-16le",
      "utf-16be",
      "utf-32le",
      "utf-32be",
    ]);
  });

  it("ignores a UTF-16 label on a document whose bytes are plain ASCII-based", () => {
    expect(decodeFeed(Buffer.from('<?xml version="1.0" encoding="UTF-16"?><rss/>'), "text/xml; charset=utf-16").charset).toBe("utf-8");
  });
});

describe("documents that hold items", () => {
  it("counts the items of the document and keeps what a cut-off only item holds", () => {
    const feed = read("truncated-first-item.xml");
    expect([feed.itemsInDocument, feed.items.map((i) => [i.title, i.link])]).toEqual([1, [["The only item", "https://cut-early.example.org/only"]]]);
    expect(read("truncated.xml").itemsInDocument).toBe(3);
    expect(read("json-feed-1.1.json").itemsInDocument).toBe(2);
  });

  it("says so when items are there but none can be read", () => {
    const feed = parseFeed('<rss version="2.0"><channel><title>T</title><item></item><item><description/></item></channel></rss>');
    expect([feed.items.length, feed.itemsInDocument]).toEqual([2, 2]);
    const unreadable = parseFeed('<feed xmlns="http://www.w3.org/2005/Atom"><title>T</title><entry><title>cut');
    expect([unreadable.itemsInDocument, unreadable.items.length]).toEqual([1, 1]);
    const empty = parseFeed('{"version":"https://jsonfeed.org/version/1.1","title":"J","items":[1,2]}');
    expect(empty.warnings).toEqual(["the feed holds 2 items but none could be read"]);
  });
});

describe("caps", () => {
  const many = (count: number, inner: (i: number) => string) =>
    `<rss version="2.0"><channel><title>Big</title><link>https://big.example.org/</link>${Array.from({ length: count }, (_, i) => `<item>${inner(i)}</item>`).join("")}</channel></rss>`;

  it("keeps the newest 1,000 items of a document and warns", () => {
    const day = (i: number) => new Date(Date.UTC(2024, 0, 1) + ((i * 7919) % 1005) * 3600_000);
    const feed = parseFeed(many(1005, (i) => `<guid>g${i}</guid><title>T${i}</title><pubDate>${day(i).toUTCString()}</pubDate>`));
    const kept = normalizeFeed(feed, { feedUrl: FEED_URL, firstSeen: FIRST_SEEN });
    expect(kept).toHaveLength(1000);
    const oldest = Math.min(...kept.map((d) => d.publishedAt!.getTime()));
    expect(oldest).toBe(Date.UTC(2024, 0, 1) + 5 * 3600_000);
    expect(kept.map((d) => d.guid)).toEqual(feed.items.map((i) => i.guid).filter((g) => kept.some((d) => d.guid === g)));
    expect(feed.warnings).toEqual(["the feed holds 1005 items; only the newest 1000 were read"]);
  });

  it("keeps at most 50 tags, 20 attachments and 50 authors per item", () => {
    const range = (n: number) => Array.from({ length: n }, (_, i) => i);
    const item =
      "<guid>one</guid><title>Loaded</title>" +
      range(60).map((i) => `<category>tag ${i}</category>`).join("") +
      range(25).map((i) => `<enclosure url="https://big.example.org/${i}.mp3" type="audio/mpeg" length="1"/>`).join("") +
      range(60).map((i) => `<dc:creator>Writer ${i}</dc:creator>`).join("");
    const [draft] = normalizeFeed(parseFeed(many(1, () => item)), { feedUrl: FEED_URL, firstSeen: FIRST_SEEN });
    expect([draft.tags?.length, draft.attachments?.length, draft.authors?.length, draft.author]).toEqual([50, 20, 50, "Writer 0"]);
  });
});
