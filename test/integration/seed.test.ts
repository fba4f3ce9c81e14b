import { loadSeeds } from "../../seeds";
import { startTestServer, type TestServer } from "../helpers/server";

const MAIN_SLUG = "dortmund-tritt-charta-integrating-cities-fuer-weltoffene-grossstaedte-bei";

/** Noon in Europe/Berlin (summer time) of a seed page's calendar day. */
const day = (d: string) => `${d}T10:00:00.000Z`;
const credit = (c: string) => [{ alt: null, credit: c }];

describe("seed data", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.stop());

  it("serves the main article with its tags, links and 15 related articles in page order", async () => {
    const result = await server.gql(
      `query ($slug: String!) {
        article(slug: $slug) {
          slug title category language publishedAt
          tags { name slug }
          links { url label }
          images { url }
          source { name kind url }
          related(first: 20) { title publishedAt teaser images { alt credit } }
        }
      }`,
      { slug: MAIN_SLUG },
    );
    expect(result).toEqual({
      data: {
        article: {
          slug: MAIN_SLUG,
          title: 'Dortmund tritt Charta "Integrating Cities" für weltoffene Großstädte bei',
          category: "Internationales",
          language: "de",
          publishedAt: null,
          tags: [
            { name: "Internationales", slug: "internationales" },
            { name: "Familie", slug: "familie" },
            { name: "Integration", slug: "integration" },
          ],
          links: [
            { url: "https://eurocities.eu/", label: "zur Seite des Eurocities-Netzwerkes" },
            { url: "https://eurocities.eu/cities/dortmund/", label: "Beitrag über Dortmund auf eurocities.eu (auf Englisch)" },
          ],
          images: [],
          source: { name: "Stadt Dortmund – Newsroom", kind: "SEED", url: null },
          related: [
            { title: "Nordstern 2023 - Neue Ideen bringen Dortmunder Norden zum Strahlen", publishedAt: day("2024-06-18"), teaser: null, images: credit("Tobias Jung, Kreativagentur desfab") },
            {
              title: "Unwetterwarnung: Zoo Dortmund bleibt am Dienstag geschlossen",
              publishedAt: day("2024-06-18"),
              teaser: "Aufgrund der aktuellen Unwetterwarnung hat der Zoo Dortmund heute (18. Juni) seit 12 Uhr geschlossen.",
              images: [],
            },
            { title: "News-Ticker zum fünften EURO-Spieltag", publishedAt: day("2024-06-18"), teaser: null, images: [{ alt: "Georgische Fans in Dortmund", credit: "Roland Gorecki" }] },
            {
              title: "Unwetterwarnung in Dortmund: Fan Zone, Public Viewing und Fan Meetings abgesagt",
              publishedAt: day("2024-06-18"),
              teaser: "In Dortmund gibt es heute (18.6.) wegen einer Unwetterwarnung kein Public Viewing im Westfalenpark und Friedensplatz.",
              images: [],
            },
            { title: "News-Ticker zum zweiten EURO-Spieltag", publishedAt: day("2024-06-15"), teaser: null, images: credit("Stadt Dortmund / Christian Schön") },
            {
              title: "Viel Wind am Samstag: Public Viewing startet später",
              publishedAt: day("2024-06-15"),
              teaser: "Wegen aktueller Wettervoraussagen gelten Änderungen beim Public Viewing am Samstag, 15. Juni.",
              images: [],
            },
            { title: "News-Ticker zur EURO-Auftaktparty", publishedAt: day("2024-06-14"), teaser: null, images: credit("Stadt Dortmund / Benito Barajas") },
            { title: "Unterwegs zur nächsten Städtepartnerschaft: Dortmunder Delegation besuchte Schytomyr in der Ukraine", publishedAt: day("2024-06-13"), teaser: null, images: credit("Stadt Dortmund / Fabian Zeuch") },
            { title: "Kunst und Kneipe: Dortmund lädt zum „Pub Crawl“ entlang des Grünen Teppichs", publishedAt: day("2024-06-13"), teaser: null, images: [{ alt: "Der mit Barbies gestaltete Schrein findet sich in der Kneipe Lütge Eck.", credit: null }] },
            { title: "Countdown für den großen Kick: Die (FR)EURO vor dem Anpfiff", publishedAt: day("2024-06-11"), teaser: null, images: credit("Stadt Dortmund / Roland Gorecki") },
            { title: "Europawahl in Dortmund: Daten, Zahlen und Rekorde", publishedAt: day("2024-06-10"), teaser: null, images: credit("Stadt Dortmund / Martin Baumeister") },
            { title: "Feiner Zug der Bahn: Dortmunder Hauptbahnhof vor EURO-Start feierlich eröffnet", publishedAt: day("2024-06-10"), teaser: null, images: credit("Stadt Dortmund / Roland Gorecki") },
            {
              title: "Gegen Vorurteile und Tabus: Schülerinnen des Phoenix-Gymnasiums gewinnen Auszeichnung",
              publishedAt: day("2024-06-10"),
              teaser: "Die Dortmunder „Stiftung Aufmüpfige Frauen“ hat u.a. Dortmunder Gymnasiast*innen ausgezeichnet.",
              images: [],
            },
            { title: "Blühend & nachhaltig: Zur UEFA EURO 2024 wird die City zum Paradies", publishedAt: day("2024-06-10"), teaser: null, images: credit("Stadt Dortmund / Roland Gorecki") },
            { title: "Europawahl in Dortmund: Das sollten Sie wissen", publishedAt: day("2024-06-07"), teaser: null, images: credit("Stadt Dortmund / Roland Gorecki") },
          ],
        },
      },
    });
  });

  it("keeps the body as sanitized HTML with its sub-heading and bullet list", async () => {
    const { data } = await server.gql(`{ article(slug: "${MAIN_SLUG}") { teaser body } }`);
    expect(data.article.teaser).toMatch(/^Mit einem Beitritt zur "Integrating Cities Charta"/);
    expect(data.article.body).toContain("<h2>Ein Zusammenschluss europäischer Städte</h2>");
    expect(data.article.body).toContain("<ul><li>Erfahrungsaustausch</li><li>Entwicklung von gemeinsamen Positionspapieren</li>");
    expect(data.article.body).not.toMatch(/<(script|style|a )/);
  });

  it("lists the page's articles in page order, the undated main article last", async () => {
    const { data } = await server.gql("{ articles(first: 100) { totalCount nodes { slug } } }");
    const related = await server.gql(`{ article(slug: "${MAIN_SLUG}") { related(first: 15) { slug } } }`);
    expect(data.articles.totalCount).toBe(16);
    expect(data.articles.nodes.map((n: { slug: string }) => n.slug)).toEqual([
      ...related.data.article.related.map((n: { slug: string }) => n.slug),
      MAIN_SLUG,
    ]);
  });

  it("changes nothing when seeded again", async () => {
    const query = "{ articles(first: 100) { nodes { id slug updatedAt tags { id } images { id } links { url } related(first: 20) { id } } } tags { totalCount } }";
    const before = await server.gql(query);
    expect(await loadSeeds(server.db)).toEqual(expect.objectContaining({ created: 0, updated: 0, unchanged: 16 }));
    expect(await server.gql(query)).toEqual(before);
  });
});
