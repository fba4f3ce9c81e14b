import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { canonicalUrl } from "../../../src/ingest/canonical-url";
import { decodeFeed } from "../../../src/ingest/charset";
import { htmlToText } from "../../../src/text/html-text";
import { normalizeFeed } from "../../../src/ingest/normalize";
import { parseFeed } from "../../../src/ingest/parse-feed";
import type { ArticleDraft } from "../../../src/store/article-draft";
import { fixture } from "../../helpers/feed-server";

/**
 * The fixture feeds read by Newsgate (parseFeed + normalizeFeed) and by Python's feedparser,
 * compared field by field. Where the two differ on purpose, DIFFERENCES says why.
 */
const FEED_URL = "https://feeds.example.org/feed";
const FIRST_SEEN = new Date("2024-07-01T00:00:00.000Z");
const PYTHON = "/usr/bin/python3";
const DUMP = join(__dirname, "..", "..", "helpers", "feedparser-dump.py");
const FIXTURES = join(__dirname, "..", "..", "fixtures", "feeds");

const FEEDS = [
  "rss-2.0.xml",
  "rss-1.0.rdf",
  "rss-0.90.rdf",
  "rss-0.91.xml",
  "atom.xml",
  "podcast.xml",
  "youtube.xml",
  "xml-base-atom.xml",
  "xml-base-rss.xml",
  "rss-userland.xml",
  "atom-0.3.xml",
  "undeclared-prefixes.xml",
  "rss-authors.xml",
  "rss-odd-namespace.xml",
  "utf16le-bom.xml",
  "utf16be-nobom.xml",
  "utf32le-bom.xml",
];

interface FpPerson {
  name: string | null;
  href: string | null;
  email: string | null;
}
interface FpEntry {
  id: string | null;
  title: string | null;
  link: string | null;
  published: string | null;
  updated: string | null;
  author: string | null;
  authors: FpPerson[];
  enclosures: { href: string | null; type: string | null; length: string | null }[];
}
interface FpFeed {
  version: string;
  entries: FpEntry[];
}

type Field = "entries" | "title" | "link" | "date" | "authors" | "attachments";

/** Deliberate differences: `feed#entry` (1-based) and field, with the reason. */
const DIFFERENCES: Record<string, string> = {
  // feedparser gives entries no author when only the feed names one; Newsgate credits the feed's.
  "atom.xml#1 authors": "the entry names none: Newsgate credits the feed's author, as RFC 4287 §4.2.1 says",
  "xml-base-atom.xml#1 authors": "the entry names none: Newsgate credits the feed's author",
  "xml-base-atom.xml#2 authors": "the entry names none: Newsgate credits the feed's author",
  "atom-0.3.xml#2 authors": "the entry names none: Newsgate credits the feed's author",
  "atom-0.3.xml#3 authors": "the entry names none: Newsgate credits the feed's author",
  // A dc:creator holding an rdf:Seq: feedparser reads an empty name.
  "rss-authors.xml#4 authors": "feedparser reads a dc:creator holding an rdf:Seq of names as one empty author",
  // Dates: Newsgate takes the creation date as the publication date; feedparser only 'issued'.
  "rss-authors.xml#1 date": "dcterms:created is the publication date; feedparser falls back to dcterms:modified",
  "atom-0.3.xml#2 date": "Atom 0.3 created is the publication date; feedparser falls back to modified",
  "rss-2.0.xml#1 link": "a relative <link> is resolved against the channel's <link> (the site); feedparser uses the feed's URL",
  "rss-2.0.xml#1 date": "a German weekday (\"Di,\"): Newsgate reads localized dates, feedparser gives up",
  // Relative permalink guids: the site, not the feed's own address, is their base.
  "xml-base-rss.xml#1 link": "a guid path is resolved against the channel's <link> (the site); feedparser uses the feed's URL",
  // feedparser leaves RSS enclosure URLs unresolved; Newsgate resolves them like links.
  "xml-base-rss.xml#1 attachments": "feedparser does not resolve relative enclosure URLs; Newsgate resolves them against the site",
  "xml-base-rss.xml#2 attachments": "feedparser does not resolve relative enclosure URLs against xml:base; Newsgate does",
  // feedparser does not take the item's duration from media:content; enclosures only.
  "undeclared-prefixes.xml#1 attachments": "media:content is an attachment for Newsgate; feedparser keeps it apart from enclosures",
  "youtube.xml#1 attachments": "media:content is an attachment for Newsgate; feedparser keeps it apart from enclosures",
};

function feedparserRead(): Record<string, FpFeed> {
  const run = spawnSync(PYTHON, [DUMP, FEED_URL, ...FEEDS.map((f) => join(FIXTURES, f))], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.error || run.status !== 0) {
    throw new Error(
      `Python's feedparser could not be run (${run.error?.message ?? run.stderr.trim().split("\n").pop()}): ` +
        "the differential test needs /usr/bin/python3 with feedparser — `apt-get install python3-feedparser`",
    );
  }
  const out = JSON.parse(run.stdout) as Record<string, FpFeed>;
  return Object.fromEntries(Object.entries(out).map(([path, feed]) => [path.slice(FIXTURES.length + 1), feed]));
}

const names = (list: (string | null | undefined)[]) => list.map((n) => (n ?? "").trim()).filter(Boolean);

/** What each side says for a field, made comparable. */
function compare(field: Field, fp: FpEntry, ng: ArticleDraft): [unknown, unknown] {
  switch (field) {
    case "title":
      // feedparser keeps an HTML title as HTML; Newsgate stores titles as text.
      return [htmlToText(fp.title ?? null), ng.title];
    case "link":
      // Newsgate stores URLs in canonical form (no fragment, no utm_* parameters) on purpose.
      return [canonicalUrl(fp.link), ng.url ?? null];
    case "date":
      return [fp.published ?? fp.updated, ng.dateUnknown ? null : ng.publishedAt?.toISOString()];
    case "authors":
      return [names(fp.authors.map((a) => a.name ?? a.email)), names((ng.authors ?? []).map((a) => a.name))];
    case "attachments":
      return [
        fp.enclosures.filter((e) => !/^image\//.test(e.type ?? "")).map((e) => [e.href, e.type, Number(e.length) > 0 ? Number(e.length) : null]),
        (ng.attachments ?? []).map((a) => [a.url, a.mimeType, a.sizeInBytes]),
      ];
    default:
      return [null, null];
  }
}

describe("Newsgate and feedparser read the fixture feeds alike", () => {
  let theirs: Record<string, FpFeed>;
  beforeAll(() => {
    theirs = feedparserRead();
  });

  it.each(FEEDS)("%s", (name) => {
    const fp = theirs[name];
    expect(fp).toBeDefined();
    const ours = normalizeFeed(parseFeed(decodeFeed(fixture(name)).text), { feedUrl: FEED_URL, firstSeen: FIRST_SEEN });
    expect([`${name} entries`, ours.length]).toEqual([`${name} entries`, fp.entries.length]);
    const unexplained: string[] = [];
    const explainedButEqual: string[] = [];
    fp.entries.forEach((entry, i) => {
      for (const field of ["title", "link", "date", "authors", "attachments"] as const) {
        const key = `${name}#${i + 1} ${field}`;
        const [expected, actual] = compare(field, entry, ours[i]);
        const same = JSON.stringify(expected) === JSON.stringify(actual);
        if (!same && !DIFFERENCES[key]) unexplained.push(`${key}: feedparser ${JSON.stringify(expected)}, Newsgate ${JSON.stringify(actual)}`);
        if (same && DIFFERENCES[key]) explainedButEqual.push(key);
      }
    });
    expect(unexplained).toEqual([]);
    expect(explainedButEqual).toEqual([]);
  });
});
