import { decodeFeed } from "../../../src/ingest/charset";
import { fixture } from "../../helpers/feed-server";

describe("decodeFeed", () => {
  it("honours the XML declaration when HTTP names no charset", () => {
    expect(decodeFeed(fixture("latin1-declared.xml"), "application/xml").text).toContain("Grüße aus Köln");
  });

  it("follows the declaration when HTTP wrongly claims UTF-8 for Latin-1 bytes", () => {
    expect(decodeFeed(fixture("latin1-declared.xml"), "text/xml; charset=utf-8").text).toContain("Äpfel à la carte");
  });

  it("reads valid UTF-8 as UTF-8 when HTTP and the declaration disagree", () => {
    expect(decodeFeed(fixture("utf8-declared-as-latin1.xml"), "text/xml; charset=UTF-8").text).toContain("Übersicht — 日本");
  });

  it("uses the HTTP charset for a document without declaration that is not UTF-8", () => {
    const { text, charset } = decodeFeed(fixture("windows-1252-undeclared.xml"), 'application/rss+xml; charset="windows-1252"');
    expect(charset).toBe("windows-1252");
    expect(text).toContain("Preis: 5 € – „gut“");
  });

  it("falls back to Windows-1252 for invalid UTF-8 with nothing declared", () => {
    expect(decodeFeed(fixture("windows-1252-undeclared.xml"), null).text).toContain("Smart “quotes” – €");
  });

  it("lets a byte-order mark win over the HTTP charset and drops it", () => {
    const { text, charset } = decodeFeed(fixture("utf8-bom.xml"), "text/xml; charset=iso-8859-1");
    expect(charset).toBe("utf-8");
    expect(text.startsWith("<?xml")).toBe(true);
    expect(text).toContain("Übersicht — 日本");
  });

  it("reads ISO-8859-15 and ignores unknown labels", () => {
    const bytes = Buffer.from([0x3c, 0x61, 0x3e, 0xa4, 0x3c, 0x2f, 0x61, 0x3e]); // <a>€</a> in Latin-9
    expect(decodeFeed(bytes, "text/xml; charset=iso-8859-15").text).toBe("<a>€</a>");
    expect(decodeFeed(Buffer.from("<a>x</a>"), "text/xml; charset=x-unknown").text).toBe("<a>x</a>");
  });
});
