import { Role } from "../../src/auth/roles";
import { generateArticles } from "../../src/generate/generate-articles";
import { createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const FRONT_PAGE = "{ articles(first: 30) { nodes { slug related(first: 5) { slug } } } tag(slug: \"energie\") { articles(first: 10) { nodes { slug } } } }";

/** Undoes migrations, newest first, until `name` is undone. */
async function undoThrough(server: TestServer, name: string): Promise<void> {
  const applied = async () => (await server.db.query("SELECT name FROM migrations")).map((row: { name: string }) => row.name);
  while ((await applied()).includes(name)) await server.db.undoLastMigration({ transaction: "each" });
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
});
