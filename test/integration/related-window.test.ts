import { Role } from "../../src/auth/roles";
import { TAG_WINDOW, type ArticleDraft } from "../../src/store";
import { select } from "../../src/store/sql";
import { addArticles } from "../helpers/articles";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const day = (n: number) => new Date(Date.UTC(2025, 0, 1, 9) + n * 86_400_000);

/** Articles whose sort_at copy beside their tags differs from the article's own. */
const outOfStep = async (server: TestServer): Promise<number> =>
  Number((await server.db.query("SELECT COUNT(*) AS n FROM article_tags x JOIN articles a ON a.id = x.article_id WHERE x.sort_at <> a.sort_at"))[0].n);

describe("related news over large tags", () => {
  let server: TestServer;
  let ids: number[];
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    const fillers = (tag: string, first: number): ArticleDraft[] =>
      Array.from({ length: TAG_WINDOW + 5 }, (_, i) => ({ guid: `${tag}-${i}`, title: `${tag} ${i}`, publishedAt: day(first - i), tags: [tag] }));
    ids = await addArticles(server.db, [
      { guid: "owner", title: "Owner", publishedAt: day(100), tags: ["Ring", "Bell"] },
      { guid: "recent-pair", title: "Recent pair", publishedAt: day(99), tags: ["Bell", "Ring"] },
      ...fillers("ring", 90),
      ...fillers("bell", 45),
      // Shares both tags but is older than the newest TAG_WINDOW of each: not considered.
      { guid: "old-pair", title: "Old pair", publishedAt: day(1), tags: ["Ring", "Bell"] },
    ]);
  });
  afterAll(() => server.stop());

  const relatedOf = async (first: number) =>
    (await server.gql(`{ article(id: "${articleId(ids[0])}") { related(first: ${first}) { title } } }`)).data.article.related.map((r: { title: string }) => r.title);

  it("ranks by shared tags, then newest, among the newest articles of each tag", async () => {
    expect(await relatedOf(4)).toEqual(["Recent pair", "ring 0", "ring 1", "ring 2"]);
  });

  it("considers only each tag's newest TAG_WINDOW articles, so an old article sharing every tag is left out", async () => {
    const all = await relatedOf(100);
    // Each window holds the owner, the recent pair and TAG_WINDOW - 2 fillers.
    expect(all).toEqual([
      "Recent pair",
      ...Array.from({ length: TAG_WINDOW - 2 }, (_, i) => `ring ${i}`),
      ...Array.from({ length: TAG_WINDOW - 2 }, (_, i) => `bell ${i}`),
    ]);
    expect(all).not.toContain("Old pair");
  });

  it("keeps the editorial choice first and never lists it twice", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    const set = "mutation ($input: SetRelatedArticlesInput!) { setRelatedArticles(input: $input) { article { related(first: 4) { title } } } }";
    const result = await gqlAs(server, editor, set, { input: { id: articleId(ids[0]), relatedIds: [articleId(ids.at(-1) as number), articleId(ids[2])] } });
    expect(result.body).toEqual({
      data: { setRelatedArticles: { article: { related: [{ title: "Old pair" }, { title: "ring 0" }, { title: "Recent pair" }, { title: "ring 1" }] } } },
    });
  });

  it("keeps each tag's copy of the article's date in step with every write", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    expect(await outOfStep(server)).toBe(0);
    // An editor moves an article's date: it leaves the windows.
    const update = "mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { title } } }";
    expect((await gqlAs(server, editor, update, { input: { id: articleId(ids[1]), publishedAt: day(2).toISOString() } })).body.errors).toBeUndefined();
    expect(await outOfStep(server)).toBe(0);
    expect((await relatedOf(3)).slice(2)).toEqual(["ring 1"]);
    // The feed sends a new date for a filler.
    await addArticles(server.db, [{ guid: "bell-3", title: "bell 3", publishedAt: day(120), tags: ["bell"] }]);
    expect(await outOfStep(server)).toBe(0);
    // Tags merged: every article of both tags is listed once under the one left.
    const tagId = async (slug: string) => Buffer.from(`Tag:${(await select<{ id: number }>(server.db, "SELECT id FROM tags WHERE slug = ?", [slug]))[0].id}`).toString("base64url");
    const merge = "mutation ($input: MergeTagsInput!) { mergeTags(input: $input) { tag { slug articleCount } } }";
    expect((await gqlAs(server, editor, merge, { input: { from: [await tagId("bell")], into: await tagId("ring") } })).body).toEqual({
      data: { mergeTags: { tag: { slug: "ring", articleCount: 2 * (TAG_WINDOW + 5) + 3 } } },
    });
    expect(await outOfStep(server)).toBe(0);
  });
});
