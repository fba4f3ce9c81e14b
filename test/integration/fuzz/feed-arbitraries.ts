import fc from "fast-check";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const FIXTURES = join(__dirname, "..", "..", "fixtures", "feeds");

/** Every feed fixture, as bytes: the seeds the mutations start from. */
export const SEED_FEEDS: Buffer[] = readdirSync(FIXTURES).sort().map((name) => readFileSync(join(FIXTURES, name)));

/** Fragments that feed parsers find hard: markup, entities, CDATA, encodings, dates, numbers. */
const HAZARDS = [
  "<", ">", "&", "&amp;", "&#0;", "&#x110000;", "&#xD800;", "&nbsp;", "&unknown;", "<![CDATA[", "]]>", "<!--", "-->",
  "<?xml version=\"1.0\" encoding=\"utf-16\"?>", "<?xml version=\"1.0\" encoding=\"x-no-such\"?>", "<!DOCTYPE x [<!ENTITY a \"aaaa\">]>",
  "<item>", "</item>", "<entry>", "</entry>", "<title>", "</title>", "<link>", "<link href=\"", "<guid>", "<pubDate>",
  "<category>", "<enclosure url=\"x\" length=\"-1\" type=\"image/jpeg\"/>", "<media:content url=\"\" width=\"99999999999\"/>",
  "xmlns=\"\"", "xmlns:a=\"http://www.w3.org/2005/Atom\"", "Mon, 32 Foo 2024 25:61:61 +9999", "275760-09-13T00:00:00Z",
  "-0001-01-01", "9".repeat(40), "\u0000", "\uFEFF", "\uFFFD", "\u2028", "😀", "\u00e4\u00f6\u00fc\u00df", "\r\n", "\t",
  "{", "}", "[", "]", "\"items\":", "\"id\":null", "\"date_published\":\"", "\"url\":\"javascript:alert(1)\"", "\"tags\":[1,{}]",
  "<a href=\"javascript:alert(1)\">", "<script>", "<img src=x onerror=1>", "data:text/html,", "http://[::1", "%zz",
];

/** A fixture with a few byte-level edits: cut, dropped, duplicated, flipped, or a hazard spliced in. */
export const mutatedFeed: fc.Arbitrary<Buffer> = fc
  .tuple(
    fc.constantFrom(...SEED_FEEDS),
    fc.array(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(...HAZARDS), fc.uint8Array({ minLength: 1, maxLength: 4 })), { minLength: 1, maxLength: 6 }),
  )
  .map(([seed, edits]) => {
    let bytes = Buffer.from(seed);
    for (const [kind, a, b, hazard, random] of edits) {
      const at = Math.floor(a * bytes.length);
      const end = Math.min(bytes.length, at + 1 + Math.floor(b * 64));
      switch (kind) {
        case 0:
          bytes = bytes.subarray(0, at);
          break;
        case 1:
          bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(end)]);
          break;
        case 2:
          bytes = Buffer.concat([bytes.subarray(0, end), bytes.subarray(at, end), bytes.subarray(end)]);
          break;
        case 3:
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(random), bytes.subarray(at + random.length)]);
          break;
        default:
          bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from(hazard), bytes.subarray(at)]);
      }
    }
    return bytes;
  });

/** The head of one fixture glued to the tail of another. */
export const splicedFeed: fc.Arbitrary<Buffer> = fc
  .tuple(fc.constantFrom(...SEED_FEEDS), fc.constantFrom(...SEED_FEEDS), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }))
  .map(([a, b, x, y]) => Buffer.concat([a.subarray(0, Math.floor(x * a.length)), b.subarray(Math.floor(y * b.length))]));

/** An RSS document built from random items: random text in every element a parser reads. */
export const generatedRss: fc.Arbitrary<Buffer> = fc
  .array(
    fc.record({
      title: fc.string({ unit: "grapheme", maxLength: 30 }),
      link: fc.oneof(fc.webUrl(), fc.string({ maxLength: 20 })),
      guid: fc.string({ maxLength: 20 }),
      date: fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toUTCString()), fc.string({ maxLength: 30 })),
      description: fc.string({ unit: "grapheme", maxLength: 60 }),
      tags: fc.array(fc.string({ maxLength: 15 }), { maxLength: 4 }),
    }),
    { maxLength: 8 },
  )
  .map((items) => {
    const esc = (text: string) => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/]]>/g, "]]&gt;");
    const body = items
      .map((item) => `<item><title>${esc(item.title)}</title><link>${esc(item.link)}</link><guid>${esc(item.guid)}</guid><pubDate>${esc(item.date)}</pubDate>` +
        `<description><![CDATA[${item.description.replace(/]]>/g, "")}]]></description>${item.tags.map((t) => `<category>${esc(t)}</category>`).join("")}</item>`)
      .join("");
    return Buffer.from(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Fuzz</title><link>https://example.org/</link>${body}</channel></rss>`);
  });

/** Content-Type headers as servers send them, right, wrong and broken. */
export const contentTypes = fc.constantFrom(
  undefined, null, "", "application/rss+xml", "application/atom+xml; charset=utf-8", "text/xml; charset=iso-8859-1",
  "application/feed+json", "application/json; charset=utf-16", "text/html; charset=windows-1252", "text/xml; charset=x-unknown",
  "text/xml; charset=", "text/xml; charset=\"utf-8", ";;;", "application/xml; charset=shift_jis",
);
