import { select } from "../../src/store/sql";
import { Role } from "../../src/auth/roles";
import { addArticles } from "../helpers/articles";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const RENAME = "mutation ($input: RenameTagInput!) { renameTag(input: $input) { tag { name slug articleCount } } }";
const MERGE = "mutation ($input: MergeTagsInput!) { mergeTags(input: $input) { tag { name slug articleCount } } }";
const tagId = (id: number) => Buffer.from(`Tag:${id}`).toString("base64url");

describe("editorial mutations on tags", () => {
  let server: TestServer;
  let editor: string;
  let ids: string[];
  const tag = async (slug: string): Promise<number> => Number((await select(server.db, "SELECT id FROM tags WHERE slug = ?", [slug]))[0].id);
  const tagsOf = async (id: string) => (await server.gql(`{ article(id: "${id}") { tags { slug } } }`)).data.article.tags.map((t: { slug: string }) => t.slug);

  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    editor = await createKey(server.db, Role.EDITOR);
    ids = (
      await addArticles(server.db, [
        { guid: "t1", title: "One", tags: ["Fussball", "Sport"] },
        { guid: "t2", title: "Two", tags: ["Soccer", "Fußball", "Wetter"] },
        { guid: "t3", title: "Three", tags: ["Soccer"] },
      ])
    ).map(articleId);
  });
  afterAll(() => server.stop());

  it("renames a tag; its slug follows and its articles appear in the change feed", async () => {
    const { data } = await server.gql("{ changes(since: null, first: 100) { nextSince } }");
    expect((await gqlAs(server, editor, RENAME, { input: { id: tagId(await tag("wetter")), name: "Wetter & Klima" } })).body).toEqual({
      data: { renameTag: { tag: { name: "Wetter & Klima", slug: "wetter-klima", articleCount: 1 } } },
    });
    const changes = await server.gql("query ($since: String) { changes(since: $since) { articles { title } } }", { since: data.changes.nextSince });
    expect(changes.data.changes.articles).toEqual([{ title: "Two" }]);
  });

  it("refuses a rename onto another tag's slug and an unknown tag, naming the field", async () => {
    const taken = await gqlAs(server, editor, RENAME, { input: { id: tagId(await tag("sport")), name: "SOCCER" } });
    expect(taken.body.errors?.[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      fields: [{ field: "name", message: 'another tag already has the slug "soccer": merge into it with mergeTags instead' }],
    });
    const unknown = await gqlAs(server, editor, RENAME, { input: { id: tagId(999_999), name: "x" } });
    expect(unknown.body.errors?.[0].extensions?.fields).toEqual([{ field: "id", message: "no tag has this id; take ids from a tag's id field" }]);
    const notATag = await gqlAs(server, editor, RENAME, { input: { id: ids[0], name: "x" } });
    expect(notATag.body.errors?.[0].extensions?.fields).toEqual([{ field: "id", message: "must be a Tag id; take it from a Tag's id field" }]);
  });

  it("merges tags: every article moves to the target once, in place, and the merged tags are gone", async () => {
    const soccer = await tag("soccer");
    const result = await gqlAs(server, editor, MERGE, { input: { from: [tagId(soccer), tagId(await tag("fussball"))], into: tagId(await tag("sport")) } });
    expect(result.body).toEqual({ data: { mergeTags: { tag: { name: "Sport", slug: "sport", articleCount: 3 } } } });
    expect(await tagsOf(ids[0])).toEqual(["sport"]);
    expect(await tagsOf(ids[1])).toEqual(["sport", "wetter-klima"]);
    expect(await tagsOf(ids[2])).toEqual(["sport"]);
    expect((await server.gql('{ tag(slug: "soccer") { name } }')).data).toEqual({ tag: null });

    const bad = await gqlAs(server, editor, MERGE, { input: { from: [tagId(soccer), tagId(await tag("sport"))], into: tagId(await tag("sport")) } });
    expect(bad.body.errors?.[0].extensions?.fields).toEqual([
      { field: "from.0", message: "no tag has this id; take ids from a tag's id field" },
      { field: "from.1", message: "is the tag merged into; leave it out of from" },
    ]);
  });
});
