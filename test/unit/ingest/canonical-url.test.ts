import { canonicalUrl } from "../../../src/ingest/canonical-url";

describe("canonicalUrl", () => {
  it.each([
    ["https://Example.org:443/a?utm_source=rss&utm_medium=feed&id=7#top", "https://example.org/a?id=7"],
    ["http://example.org:80/a?fbclid=1&gclid=2&b=2&a=1", "http://example.org/a?b=2&a=1"],
    ["https://example.org/a?mc_cid=1&msclkid=2", "https://example.org/a"],
    ["/2024/park?utm_campaign=x", "https://news.example.org/2024/park"],
  ])("turns %s into %s", (input, expected) => {
    expect(canonicalUrl(input, "https://news.example.org/")).toBe(expected);
  });

  it("refuses other schemes and garbage", () => {
    expect(canonicalUrl("javascript:alert(1)")).toBeNull();
    expect(canonicalUrl("mailto:a@example.org")).toBeNull();
    expect(canonicalUrl("not a url")).toBeNull();
    expect(canonicalUrl("")).toBeNull();
  });
});
