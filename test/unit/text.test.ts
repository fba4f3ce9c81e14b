import { sanitizeHtml } from "../../src/text/sanitize-html";
import { slugify } from "../../src/text/slugify";
import { offsetMinutes, zonedDayAt } from "../../src/text/dates";

describe("slugify", () => {
  it.each([
    ['Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei', "dortmund-tritt-charta-integrating-cities-fuer-weltoffene-grossstaedte-bei"],
    ["Integration", "integration"],
    ["  Café & Crème brûlée  ", "cafe-creme-brulee"],
    ["Blühend & nachhaltig: Zur UEFA EURO 2024", "bluehend-nachhaltig-zur-uefa-euro-2024"],
    ["ÄÖÜ ẞ", "aeoeue-ss"],
    ["---", ""],
  ])("%j → %j", (text, slug) => expect(slugify(text)).toBe(slug));

  it("cuts long titles at a word boundary hyphen", () => {
    expect(slugify("wort ".repeat(60), 20)).toBe("wort-wort-wort-wort");
  });
});

describe("sanitizeHtml", () => {
  it("keeps structure and drops what could run", () => {
    expect(
      sanitizeHtml(
        '<h2 onclick="x()">Kopf</h2><script>alert(1)</script><style>p{}</style><p>Text <a href="javascript:alert(1)">böse</a> <a href="https://example.org/">gut</a></p><iframe src="https://evil.example/"></iframe><ul><li>eins</li></ul>',
      ),
    ).toBe('<h2>Kopf</h2><p>Text <a rel="noopener noreferrer">böse</a> <a href="https://example.org/" rel="noopener noreferrer">gut</a></p><ul><li>eins</li></ul>');
  });

  it("resolves relative URLs against the article's address", () => {
    expect(sanitizeHtml('<p><a href="/mehr">mehr</a><img src="bild.jpg" alt="Bild"></p>', "https://www.dortmund.de/news/artikel.html")).toBe(
      '<p><a href="https://www.dortmund.de/mehr" rel="noopener noreferrer">mehr</a><img src="https://www.dortmund.de/news/bild.jpg" alt="Bild" /></p>',
    );
  });
});

describe("zonedDayAt", () => {
  it("finds noon of a calendar day in Europe/Berlin, summer and winter", () => {
    expect(zonedDayAt("2024-06-18", 12, "Europe/Berlin").toISOString()).toBe("2024-06-18T10:00:00.000Z");
    expect(zonedDayAt("2024-01-18", 12, "Europe/Berlin").toISOString()).toBe("2024-01-18T11:00:00.000Z");
    expect(offsetMinutes(new Date("2024-06-18T10:00:00Z"), "America/New_York")).toBe(-240);
    expect(() => zonedDayAt("18.06.2024", 12, "Europe/Berlin")).toThrow('"18.06.2024" is not a day: use YYYY-MM-DD');
  });
});
