import { Role } from "../../src/auth/roles";
import { generateArticles } from "../../src/generate/generate-articles";
import { select } from "../../src/store/sql";
import { createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const FRONT_PAGE = "{ articles(first: 30) { nodes { slug related(first: 5) { slug } } } tag(slug: \"energie\") { articles(first: 10) { nodes { slug } } } }";

/**
 * Undoes migrations, newest first, until `name` is undone. On SQLite with foreign keys off,
 * as migrations run: TypeORM turns them off only after it has begun an undo's transaction,
 * where SQLite ignores it.
 */
async function undoThrough(server: TestServer, name: string): Promise<void> {
  const sqlite = server.db.options.type !== "postgres";
  const applied = async () => (await server.db.query("SELECT name FROM migrations")).map((row: { name: string }) => row.name);
  if (sqlite) await server.db.query("PRAGMA foreign_keys = OFF");
  try {
    while ((await applied()).includes(name)) await server.db.undoLastMigration({ transaction: "each" });
  } finally {
    if (sqlite) await server.db.query("PRAGMA foreign_keys = ON");
  }
}

describe("migrations over a filled database", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    await generateArticles(server.db, { articles: 600, seed: 5 });
  }, 60_000);
  afterAll(() => server.stop());

  it("TagListOrder fills in each tag's copy of the article's date, and answers stay the same", async () => {
    // With a key, answers are computed anew each time (never from the response cache).
    const key = await createKey(server.db, Role.EDITOR);
    const before = await gqlAs(server, key, FRONT_PAGE);
    expect(before.body.errors).toBeUndefined();
    await undoThrough(server, "TagListOrder1733000000000");
    const columns = (
      server.db.options.type === "postgres"
        ? await server.db.query("SELECT column_name AS name FROM information_schema.columns WHERE table_name = 'article_tags' ORDER BY ordinal_position")
        : await server.db.query("PRAGMA table_info(article_tags)")
    ).map((c: { name: string }) => c.name);
    expect(columns).toEqual(["article_id", "tag_id", "position"]);

    await server.db.runMigrations({ transaction: "each" });
    const [{ n, missing }] = await server.db.query(
      "SELECT COUNT(*) AS n, SUM(CASE WHEN x.sort_at = a.sort_at THEN 0 ELSE 1 END) AS missing FROM article_tags x JOIN articles a ON a.id = x.article_id",
    );
    expect({ n: Number(n) > 600, missing: Number(missing) }).toEqual({ n: true, missing: 0 });
    expect(await gqlAs(server, key, FRONT_PAGE)).toEqual(before);
  });

  it("FeedsAsTheyAre lets articles share a URL, keeps every row, trigger and id, and lists each stored author", async () => {
    const key = await createKey(server.db, Role.EDITOR);
    await undoThrough(server, "FeedsAsTheyAre1733200000000");
    const [{ a, b }] = await server.db.query("SELECT MIN(id) AS a, MAX(id) AS b FROM articles WHERE url IS NOT NULL");
    // Undone, URLs are unique again.
    await expect(select(server.db, "UPDATE articles SET url = (SELECT url FROM articles WHERE id = ?) WHERE id = ?", [a, b])).rejects.toThrow(/unique/i);
    const [{ newest }] = await server.db.query("SELECT MAX(id) AS newest FROM articles");
    await select(server.db, "DELETE FROM articles WHERE id = ?", [newest]);
    const before = await gqlAs(server, key, FRONT_PAGE);
    const [{ n: withAuthor }] = await server.db.query("SELECT COUNT(*) AS n FROM articles WHERE author IS NOT NULL AND author <> ''");

    await server.db.runMigrations({ transaction: "each" });
    expect(await gqlAs(server, key, FRONT_PAGE)).toEqual(before);
    const [{ n: authors }] = await server.db.query("SELECT COUNT(*) AS n FROM article_authors");
    expect({ withAuthor: Number(withAuthor) > 0, authors: Number(authors) }).toEqual({ withAuthor: true, authors: Number(withAuthor) });
    await select(server.db, "UPDATE articles SET url = (SELECT url FROM articles WHERE id = ?) WHERE id = ?", [a, b]);

    // The triggers still number changes and index for search; a deleted article's id is never given again.
    const { body } = await gqlAs(server, key, 'mutation { createArticle(input: { title: "Zeppelinlandung am Phoenixsee" }) { article { id } } }');
    const created = Number(Buffer.from(body.data.createArticle.article.id, "base64").toString().split(":")[1]);
    expect(created).toBeGreaterThan(Number(newest));
    const found = await gqlAs(server, key, '{ search(query: "Zeppelinlandung") { nodes { title } } }');
    expect(found.body).toEqual({ data: { search: { nodes: [{ title: "Zeppelinlandung am Phoenixsee" }] } } });

    const [{ seq, top }] = await select(server.db, "SELECT change_seq AS seq, (SELECT MAX(change_seq) FROM articles) AS top FROM articles WHERE id = ?", [created]);
    expect(Number(seq)).toBe(Number(top));
  });
});
