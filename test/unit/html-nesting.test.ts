import { readdirSync } from "node:fs";
import { join } from "node:path";
import { parseFeed } from "../../src/ingest/parse-feed";
import { decodeFeed } from "../../src/ingest/charset";
import { htmlToText } from "../../src/text/html-text";
import { limitHtmlNesting, MAX_HTML_DEPTH } from "../../src/text/html-nesting";
import { sanitizeHtml } from "../../src/text/sanitize-html";
import { fixture } from "../helpers/feed-server";

const count = (text: string, part: string) => text.split(part).length - 1;

describe("limitHtmlNesting", () => {
  it("leaves every fixture body as it is", () => {
    const files = readdirSync(join(__dirname, "..", "fixtures", "feeds")).filter((name) => /\.(xml|rdf|json)$/.test(name));
    for (const name of files) {
      let feed;
      try {
        feed = parseFeed(decodeFeed(fixture(name)).text);
      } catch {
        continue; // the fixtures of broken documents
      }
      for (const item of feed.items) {
        for (const html of [item.summary, item.content]) if (html) expect(limitHtmlNesting(html)).toBe(html);
      }
    }
  });

  it("leaves documents as deep as the limit, with many elements side by side, as they are", () => {
    const deep = "<div>".repeat(MAX_HTML_DEPTH) + "x" + "</div>".repeat(MAX_HTML_DEPTH);
    expect(limitHtmlNesting(deep)).toBe(deep);
    const wide = "<p>para</p><ul>" + "<li>one<li>two".repeat(500) + "</ul><p>a<p>b<br><img src=x>".repeat(300);
    expect(limitHtmlNesting(wide)).toBe(wide);
    const svg = "<svg>" + '<path d="M0 0"/>'.repeat(1000) + "</svg><b>after</b>";
    expect(limitHtmlNesting(svg)).toBe(svg);
    const hidden = "<b>" + "<!-- <i> -->".repeat(1000) + "<script>" + "<i>".repeat(1000) + "</script></b>";
    expect(limitHtmlNesting(hidden)).toBe(hidden);
  });

  it("drops start tags beyond the limit and as many end tags, keeping the text", () => {
    const html = "<div>".repeat(1000) + "deep inside" + "</div>".repeat(1000) + "<p>after</p>";
    const limited = limitHtmlNesting(html);
    expect(count(limited, "<div>")).toBe(MAX_HTML_DEPTH);
    expect(count(limited, "</div>")).toBe(MAX_HTML_DEPTH);
    expect(limited).toContain("deep inside");
    expect(limited.endsWith("<p>after</p>")).toBe(true);
  });

  it("does not let end tags hidden in comments or quoted attributes lower the depth", () => {
    const html = '<b title="</b>"><!--</b>-->'.repeat(1000) + "x";
    expect(count(limitHtmlNesting(html), "<b ")).toBe(MAX_HTML_DEPTH);
  });

  it("makes hostile nesting cheap for the sanitizer and the text extractor", () => {
    const bold = "<b>".repeat(200_000) + "bold at last";
    expect(sanitizeHtml(bold)).toBe("<b>".repeat(MAX_HTML_DEPTH) + "bold at last" + "</b>".repeat(MAX_HTML_DEPTH));
    expect(htmlToText(bold)).toBe("bold at last");
    const divs = "<div>".repeat(300_000) + "deep inside" + "</div>".repeat(300_000);
    expect(sanitizeHtml(divs)).toBe("deep inside");
    expect(htmlToText(divs)).toBe("deep inside");
  });
});
