import { decodeFeed } from "../../../src/ingest/charset";
import { normalizeFeed } from "../../../src/ingest/normalize";
import { parseFeed } from "../../../src/ingest/parse-feed";
import { fixture } from "../../helpers/feed-server";

const FIRST_SEEN = new Date("2024-07-01T00:00:00.000Z");
const read = (name: string, contentType?: string) => parseFeed(decodeFeed(fixture(name), contentType).text);
const drafts = (name: string) => normalizeFeed(read(name), { feedUrl: "https://feeds.example.org/feed", firstSeen: FIRST_SEEN });
const image = (url: string, alt: string | null = null, width: number | null = null, height: number | null = null) => ({ url, alt, width, height });

describe("format detection by content", () => {
  it.each([
    ["rss-0.91.xml", "rss-0.9x"],
    ["rss-0.92.xml", "rss-0.9x"],
    ["rss-1.0.rdf", "rss-1.0"],
    ["rss-2.0.xml", "rss-2.0"],
    ["atom.xml", "atom-1.0"],
    ["json-feed-1.0.json", "json-feed-1.0"],
    ["json-feed-1.1.json", "json-feed-1.1"],
  ])("reads %s as %s", (name, format) => {
    expect(read(name, "text/plain").format).toBe(format);
  });

  it("says so when a page is not a feed", () => {
    expect(() => read("page.html")).toThrow(/not a feed: the address serves an HTML page/);
    expect(() => parseFeed("")).toThrow(/the document is empty/);
    expect(() => parseFeed('{"hello": 1}')).toThrow(/not a JSON Feed/);
    expect(() => parseFeed("<opml/>")).toThrow(/root element is <opml>/);
  });
});

describe("mapping to articles", () => {
  it("maps RSS 2.0 with content:, dc:, media: and itunes:, sanitizing the body", () => {
    expect(drafts("rss-2.0.xml")).toEqual([
      {
        guid: "park-2024",
        title: "Neuer Park eröffnet",
        teaser: "Der Park ist offen.",
        body:
          '<p>Der Park ist <a href="https://news.example.org/parks" rel="noopener noreferrer">offen</a>.</p>' +
          '<img src="https://news.example.org/2024/06/img/park.jpg" alt="Der neue Park" />' +
          '<p><a rel="noopener noreferrer">böse</a> <a href="https://other.example.net/info" rel="noopener noreferrer">Info</a></p>',
        url: "https://news.example.org/2024/06/park?id=7",
        language: "de-DE",
        author: "Erika Muster",
        authors: [{ name: "Erika Muster", url: null }],
        publishedAt: new Date("2024-06-18T08:00:00.000Z"),
        dateUnknown: false,
        tags: ["Umwelt", "Parks & Gärten"],
        images: [
          image("https://news.example.org/park-big.jpg"),
          image("https://news.example.org/park-media.jpg", "Blick über den Park", 800, 600),
          image("https://news.example.org/2024/06/img/park.jpg", "Der neue Park"),
        ],
        links: [
          { url: "https://news.example.org/parks", label: "offen" },
          { url: "https://other.example.net/info", label: "Info" },
        ],
        attachments: [{ url: "https://news.example.org/audio.mp3", mimeType: "audio/mpeg", sizeInBytes: 1, durationInSeconds: null, title: null }],
      },
      {
        guid: "https://news.example.org/podcast/12",
        title: "Podcast: Folge 12",
        teaser: "Die zwölfte Folge.",
        body: null,
        url: "https://news.example.org/podcast/12",
        language: "de-DE",
        author: "Max Mustermann",
        authors: [{ name: "Max Mustermann", url: null }],
        publishedAt: new Date("2024-06-17T08:30:00.000Z"),
        dateUnknown: false,
        tags: [],
        images: [image("https://news.example.org/podcast/12.png"), image("https://news.example.org/podcast/12-thumb.jpg", null, 120, 90)],
        links: [],
        attachments: [],
      },
    ]);
  });

  it("maps Atom: html titles as text, xhtml content, enclosures, media:group, feed author and xml:lang", () => {
    const [first, second] = drafts("atom.xml");
    expect(first).toEqual({
      guid: "tag:atom.example.org,2024:1",
      title: "Tom & Jerry return",
      teaser: "A classic returns.",
      body: '<p>They are <strong>back</strong> &amp; better.</p><p><img src="https://atom.example.org/pics/tj.png" alt="Tom and Jerry" /></p>',
      url: "https://atom.example.org/2024/tom-jerry",
      language: "en-GB",
      author: "Feed Author",
      authors: [{ name: "Feed Author", url: null }],
      publishedAt: new Date("2024-06-18T08:00:00.000Z"),
      dateUnknown: false,
      tags: ["Cartoons", "classics"],
      images: [image("https://atom.example.org/2024/tom-jerry.jpg"), image("https://atom.example.org/pics/tj.png", "Tom and Jerry")],
      links: [],
      attachments: [],
    });
    expect(second).toEqual(
      expect.objectContaining({
        author: "Entry Author",
        publishedAt: new Date("2024-06-17T08:00:00.000Z"),
        images: [image("https://atom.example.org/thumb.jpg", "A thumbnail")],
        links: [{ url: "https://atom.example.org/x", label: "HTML" }],
      }),
    );
  });

  it("maps JSON Feed 1.1 and 1.0", () => {
    const [uno, dos] = drafts("json-feed-1.1.json");
    expect(uno).toEqual(
      expect.objectContaining({
        guid: "1",
        url: "https://json.example.org/uno?page=2",
        language: "es",
        author: "Ana",
        publishedAt: new Date("2024-06-18T15:00:00.000Z"),
        tags: ["Noticias", "Mundo"],
        images: [image("https://json.example.org/uno.jpg"), image("https://json.example.org/uno-banner.jpg")],
      }),
    );
    expect(dos).toEqual(expect.objectContaining({ guid: "2", author: "Equipo", body: "<p>Solo texto.</p><p>Segundo párrafo.</p>", url: null }));
    expect(drafts("json-feed-1.0.json")).toEqual([expect.objectContaining({ guid: "a", title: "Alpha", author: "Old Author" })]);
  });

  it("maps RSS 1.0, 0.91 and 0.92", () => {
    expect(drafts("rss-1.0.rdf")).toEqual([
      expect.objectContaining({ guid: "https://rdf.example.org/a", author: "Jeanne Exemple", language: "fr", tags: ["Société"], publishedAt: new Date("2024-06-18T08:00:00.000Z") }),
    ]);
    expect(drafts("rss-0.91.xml")).toEqual([expect.objectContaining({ title: "Hello & welcome", url: "http://old.example.org/hello.html", language: "en-US" })]);
    expect(drafts("rss-0.92.xml")).toEqual([
      expect.objectContaining({ title: "An item with only a description, as 0.92 allows.", tags: ["Misc"], images: [], publishedAt: FIRST_SEEN, dateUnknown: true }),
    ]);
  });

  it("reads localized dates and falls back to the first-seen time for unreadable ones", () => {
    expect(drafts("localized-dates.xml").map((d) => [d.guid, d.publishedAt?.toISOString(), d.dateUnknown])).toEqual([
      ["de", "2024-06-18T08:00:00.000Z", false],
      ["fr", "2024-06-18T08:00:00.000Z", false],
      ["es", "2024-06-18T08:00:00.000Z", false],
      ["pt", "2024-06-18T08:00:00.000Z", false],
      ["it", "2024-06-18T08:00:00.000Z", false],
      ["bad", FIRST_SEEN.toISOString(), true],
    ]);
  });

  it("keeps each story once when a feed repeats guids, and items with distinct guids even when they share a URL", () => {
    expect(drafts("duplicates.xml").map((d) => [d.guid, d.title, d.url, d.urlIsPermalink])).toEqual([
      ["same", "First copy", "https://dupes.example.org/a", false],
      ["other", "Other guid, same URL", "https://dupes.example.org/a", false],
      [null, "No guid, no link", null, undefined],
    ]);
  });

  it("decodes declared and undeclared legacy charsets", () => {
    expect(drafts("latin1-declared.xml")[0].title).toBe("Grüße aus Köln");
    expect(read("windows-1252-undeclared.xml", "text/xml; charset=windows-1252").items[0].title).toBe("Preis: 5 € – „gut“");
    expect(read("utf8-bom.xml").title).toBe("BOM über alles");
  });
});
