import { toFts5, toTsQuery } from "../../src/db/dialect";
import { bucketDays } from "../../src/search/date-buckets";
import { htmlToText } from "../../src/text/html-text";
import { foldForSearch } from "../../src/search/fold";
import { parseSearchQuery, SearchSyntaxError } from "../../src/search/search-query";
import { buildSnippet } from "../../src/search/snippet";
import { offsetSegments } from "../../src/text/dates";

describe("foldForSearch", () => {
  it("lets German spellings find each other", () => {
    const folded = ["Großstädte", "grossstadte", "Grossstaedte", "GROSSSTÄDTE"].map(foldForSearch);
    expect(new Set(folded)).toEqual(new Set(["grossstadte"]));
    expect(foldForSearch("München")).toBe(foldForSearch("munchen"));
    expect(foldForSearch("Café Crème")).toBe("cafe creme");
  });

  it("reads the text of HTML", () => {
    expect(htmlToText("<p>Eins &amp; zwei</p><script>x()</script><ul><li>drei&#33;</li></ul>")).toBe("Eins & zwei drei!");
  });
});

describe("parseSearchQuery", () => {
  const term = (tokens: string[], prefix = false) => ({ tokens, prefix });

  it.each([
    ["energy city", { required: [[term(["energy"])], [term(["city"])]], excluded: [] }],
    ['"Public Viewing" Fan*', { required: [[term(["public", "viewing"])], [term(["fan"], true)]], excluded: [] }],
    ["euro -ticker -\"fan zone\"", { required: [[term(["euro"])]], excluded: [term(["ticker"]), term(["fan", "zone"])] }],
    ["zoo OR nordstern dortmund", { required: [[term(["zoo"]), term(["nordstern"])], [term(["dortmund"])]], excluded: [] }],
    ["EURO-Spieltag", { required: [[term(["euro", "spieltag"])]], excluded: [] }],
    ["GROSSSTÄDTE", { required: [[term(["grossstadte"])]], excluded: [] }],
    ["a or b", { required: [[term(["a"])], [term(["or"])], [term(["b"])]], excluded: [] }],
  ])("parses %j", (input, expected) => {
    expect(parseSearchQuery(input)).toEqual(expected);
  });

  it.each([
    ["", "The search is empty: type at least one word."],
    ["   ", "The search is empty: type at least one word."],
    ['"open phrase', 'Close the quote: "open phrase has no closing ".'],
    ["OR energy", "OR needs a word on each side, e.g. energy OR climate."],
    ["energy OR", "OR needs a word on each side, e.g. energy OR climate."],
    ["a OR OR b", "OR needs a word on each side, e.g. energy OR climate."],
    ["-fan", "Add a word to find: -word only excludes articles from what the other words find."],
    ["euro - fan", 'A "-" must stand right before the word it excludes, e.g. -fan.'],
    ["zoo OR -fan", "An excluded term cannot be part of OR: write -fan on its own."],
    ["ener*gy", '"ener*gy": * goes at the end of a word, e.g. energ*.'],
    ["e*", '"e*": give at least two letters before *, e.g. en*.'],
    ["!!!", "!!! has no letters or digits to search for."],
    ['""', '"" has no letters or digits to search for.'],
    ["x".repeat(501), "The search is 501 characters long: keep it under 500."],
    [Array.from({ length: 33 }, (_, i) => `w${i}`).join(" "), "The search has more than 32 terms: use fewer words."],
  ])("refuses %j", (input, message) => {
    expect(() => parseSearchQuery(input)).toThrow(new SearchSyntaxError(message));
  });
});

describe("toFts5", () => {
  it("quotes every token so nothing typed is FTS syntax", () => {
    expect(toFts5(parseSearchQuery('zoo OR "public viewing" euro* -fan NEAR'))).toBe('("zoo" OR "public viewing") AND "euro" * AND "near" NOT "fan"');
  });
});

describe("toTsQuery", () => {
  it("writes lexemes, never text to be parsed: phrases as <->, prefixes as :*, exclusions as !", () => {
    expect(toTsQuery(parseSearchQuery('zoo OR "public viewing" euro* -fan NEAR "open air*"'))).toBe(
      "('zoo' | ('public' <-> 'viewing')) & 'euro':* & 'near' & ('open' <-> 'air':*) & !'fan'",
    );
    expect(toTsQuery(parseSearchQuery("it's a|b !c (d) Großstädte"))).toBe("('it' <-> 's') & ('a' <-> 'b') & 'c' & 'd' & 'grossstadte'");
  });
});

describe("buildSnippet", () => {
  it("marks the matched words of the best passage and escapes the rest", () => {
    const query = parseSearchQuery("grossstadte netzwerk*");
    expect(
      buildSnippet(query, {
        title: "Titel",
        teaser: null,
        body: "<p>Dortmund & <b>Europa</b>: Mitglied im Netzwerk europäischer Großstädte.</p>",
      }),
    ).toBe("Dortmund &amp; Europa: Mitglied im <mark>Netzwerk</mark> europäischer <mark>Großstädte</mark>.");
  });

  it("leaves the punctuation around a matched word outside its mark", () => {
    const query = parseSearchQuery("radwege");
    expect(buildSnippet(query, { title: "T", teaser: "Sie sagt: „Radwege!“ (Radwege), E-Radwege.", body: null })).toBe(
      "Sie sagt: „<mark>Radwege</mark>!“ (<mark>Radwege</mark>), <mark>E-Radwege</mark>.",
    );
  });

  it("falls back to the title and answers null when nothing matches", () => {
    const query = parseSearchQuery("zoo");
    expect(buildSnippet(query, { title: "Zoo <Dortmund>", teaser: "Heute geschlossen.", body: null })).toBe("<mark>Zoo</mark> &lt;Dortmund&gt;");
    expect(buildSnippet(parseSearchQuery("nichts"), { title: "Zoo", teaser: null, body: null })).toBeNull();
  });
});

describe("date buckets", () => {
  const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
  const days = [
    { key: day("2024-06-16"), count: 1 },
    { key: day("2024-06-17"), count: 2 },
    { key: day("2024-06-30"), count: 3 },
    { key: day("2024-07-01"), count: 4 },
  ];

  it("groups local days into days, ISO weeks and months, starting at local midnight", () => {
    expect(bucketDays(days, "DAY", "Europe/Berlin").map((b) => [b.key, b.start.toISOString(), b.count])).toEqual([
      ["2024-06-16", "2024-06-15T22:00:00.000Z", 1],
      ["2024-06-17", "2024-06-16T22:00:00.000Z", 2],
      ["2024-06-30", "2024-06-29T22:00:00.000Z", 3],
      ["2024-07-01", "2024-06-30T22:00:00.000Z", 4],
    ]);
    expect(bucketDays(days, "WEEK", "Europe/Berlin").map((b) => [b.key, b.start.toISOString(), b.count])).toEqual([
      ["2024-W24", "2024-06-09T22:00:00.000Z", 1],
      ["2024-W25", "2024-06-16T22:00:00.000Z", 2],
      ["2024-W26", "2024-06-23T22:00:00.000Z", 3],
      ["2024-W27", "2024-06-30T22:00:00.000Z", 4],
    ]);
    expect(bucketDays(days, "MONTH", "UTC").map((b) => [b.key, b.start.toISOString(), b.count])).toEqual([
      ["2024-06", "2024-06-01T00:00:00.000Z", 6],
      ["2024-07", "2024-07-01T00:00:00.000Z", 4],
    ]);
  });

  it("finds daylight-saving changes to the minute", () => {
    const segments = offsetSegments("Europe/Berlin", Date.parse("2024-03-01T00:00:00Z"), Date.parse("2024-11-30T00:00:00Z"));
    expect(segments.slice(1)).toEqual([
      { from: Date.parse("2024-03-31T01:00:00Z"), minutes: 120 },
      { from: Date.parse("2024-10-27T01:00:00Z"), minutes: 60 },
    ]);
    expect(segments[0].minutes).toBe(60);
  });
});
