import { select } from "../../src/store/sql";
import { Role } from "../../src/auth/roles";
import { upsertArticles } from "../../src/store";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { startFeedServer, type FeedServer } from "../helpers/feed-server";
import { startTestServer, type TestServer } from "../helpers/server";

const SOURCE = "id name url kind enabled lastError";
const ADD = `mutation ($input: AddSourceInput!) { addSource(input: $input) { source { ${SOURCE} } } }`;
const UPDATE = `mutation ($input: UpdateSourceInput!) { updateSource(input: $input) { source { ${SOURCE} } } }`;
const REMOVE = "mutation ($input: RemoveSourceInput!) { removeSource(input: $input) { deletedId } }";
const REFRESH = `mutation ($input: RefreshSourceInput!) {
  refreshSource(input: $input) { status created updated unchanged linked notModified error warnings source { name kind lastError } }
}`;

/** An RSS feed with one item per [guid, title]. */
const rss = (items: [string, string][]) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Local news</title><link>https://local.example.org/</link>${items
    .map(([guid, title]) => `<item><guid>${guid}</guid><title>${title}</title><link>https://local.example.org/${guid}</link><pubDate>Tue, 18 Jun 2024 10:00:00 GMT</pubDate></item>`)
    .join("")}</channel></rss>`;

describe("editorial mutations on sources", () => {
  let server: TestServer;
  let feeds: FeedServer;
  let admin: string;
  beforeAll(async () => {
    feeds = await startFeedServer();
    server = await startTestServer({ SCHEDULER: "off", FETCH_ALLOW_HOSTS: "127.0.0.1" });
    admin = await createKey(server.db, Role.ADMIN);
  });
  afterAll(async () => {
    await server.stop();
    await feeds.close();
  });
  const as = (query: string, variables: Record<string, unknown>) => gqlAs(server, admin, query, variables);

  it("adds, updates, refreshes and removes a feed source", async () => {
    feeds.serve("/news.xml", rss([["a", "Alpha"], ["b", "Beta"]]));
    const added = await as(ADD, { input: { url: `${feeds.url}/news.xml`, name: "Local", intervalSeconds: 600 } });
    expect(added.body).toEqual({ data: { addSource: { source: { id: expect.any(String), name: "Local", url: `${feeds.url}/news.xml`, kind: "RSS", enabled: true, lastError: null } } } });
    const id = added.body.data.addSource.source.id;

    expect((await as(ADD, { input: { url: `${feeds.url}/news.xml` } })).body.errors?.[0].extensions?.fields).toEqual([
      { field: "url", message: expect.stringMatching(/^is already the URL of source #\d+; update or remove that one instead$/) },
    ]);
    expect((await as(ADD, { input: { url: "file:///etc/passwd", intervalSeconds: 5 } })).body.errors?.[0].extensions?.fields).toEqual([
      { field: "url", message: "must be an absolute http:// or https:// URL" },
      { field: "intervalSeconds", message: "must be whole seconds from 60 to 86400" },
    ]);

    expect((await as(REFRESH, { input: { id } })).body).toEqual({
      data: { refreshSource: { status: "NEW", created: 2, updated: 0, unchanged: 0, linked: 0, notModified: false, error: null, warnings: [], source: { name: "Local", kind: "RSS", lastError: null } } },
    });
    expect((await as(UPDATE, { input: { id, name: "Local news", enabled: false } })).body.data.updateSource.source).toEqual(
      expect.objectContaining({ name: "Local news", enabled: false }),
    );

    feeds.route("/broken.xml", (_req, res) => res.writeHead(500).end("oops"));
    await as(UPDATE, { input: { id, url: `${feeds.url}/broken.xml` } });
    const failed = (await as(REFRESH, { input: { id } })).body.data.refreshSource;
    expect(failed).toEqual(expect.objectContaining({ status: "FAILED", created: 0, error: expect.stringContaining("500") }));
    expect(failed.source.lastError).toBe(failed.error);

    expect((await as(REMOVE, { input: { id } })).body).toEqual({ data: { removeSource: { deletedId: id } } });
    expect((await as(REMOVE, { input: { id } })).body.errors?.[0].extensions?.fields).toEqual([{ field: "id", message: "no source has this id; see the sources query" }]);
  });

  it("refuses to fetch a source without a URL", async () => {
    const { data } = await server.gql("{ sources { id kind } }");
    const seed = data.sources.find((s: { kind: string }) => s.kind === "SEED");
    expect((await as(REFRESH, { input: { id: seed.id } })).body.errors?.[0].extensions?.fields).toEqual([
      { field: "id", message: expect.stringMatching(/has no URL: only feed sources are fetched$/) },
    ]);
  });

  it("keeps an editor's change across fetches until the item at the source changes; then the source wins and it is logged", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    feeds.serve("/edited.xml", rss([["x", "Original title"]]));
    const id = (await as(ADD, { input: { url: `${feeds.url}/edited.xml` } })).body.data.addSource.source.id;
    await as(REFRESH, { input: { id } });
    const [row] = await select(server.db, "SELECT id FROM articles WHERE url = ?", ["https://local.example.org/x"]);
    const article = articleId(Number(row.id));
    const read = async () => (await server.gql(`{ article(id: "${article}") { title tags { name } } }`)).data.article;

    await gqlAs(server, editor, "mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { title } } }", {
      input: { id: article, title: "Better title", tags: ["Edited"] },
    });
    expect((await as(REFRESH, { input: { id } })).body.data.refreshSource).toEqual(expect.objectContaining({ status: "UNCHANGED", unchanged: 1 }));
    expect(await read()).toEqual({ title: "Better title", tags: [{ name: "Edited" }] });

    // The write path reports the overwrite to the logger it is given.
    feeds.serve("/edited.xml", rss([["x", "Corrected at the source"]]));
    const warnings: [object, string][] = [];
    const [source] = await select(server.db, "SELECT id FROM sources WHERE url = ?", [`${feeds.url}/edited.xml`]);
    const result = await upsertArticles(server.db, Number(source.id), [{ guid: "x", title: "Corrected at the source", url: "https://local.example.org/x", publishedAt: new Date("2024-06-18T10:00:00Z") }], {
      log: { warn: (details, message) => warnings.push([details, message]) },
    });
    expect(result).toEqual(expect.objectContaining({ updated: 1 }));
    expect(warnings).toEqual([[{ articleId: Number(row.id), sourceId: Number(source.id), fields: ["title", "tags"] }, "editorial change overwritten by source"]]);
    expect(await read()).toEqual({ title: "Corrected at the source", tags: [] });
    expect(await select(server.db, "SELECT * FROM editorial_overrides")).toEqual([]);
  });

  it("keeps an article an editor deleted deleted when its feed is fetched again", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    feeds.serve("/deleted.xml", rss([["keep", "Kept"], ["gone", "Deleted by the desk"]]));
    const id = (await as(ADD, { input: { url: `${feeds.url}/deleted.xml` } })).body.data.addSource.source.id;
    expect((await as(REFRESH, { input: { id } })).body.data.refreshSource).toEqual(expect.objectContaining({ status: "NEW", created: 2 }));
    const [row] = await select(server.db, "SELECT id FROM articles WHERE url = ?", ["https://local.example.org/gone"]);
    const deleted = await gqlAs(server, editor, "mutation ($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedId } }", {
      input: { id: articleId(Number(row.id)) },
    });
    expect(deleted.body).toEqual({ data: { deleteArticle: { deletedId: articleId(Number(row.id)) } } });

    feeds.serve("/deleted.xml", rss([["keep", "Kept, updated"], ["gone", "Deleted by the desk, updated"]]));
    expect((await as(REFRESH, { input: { id } })).body.data.refreshSource).toEqual(expect.objectContaining({ created: 0, updated: 1, unchanged: 1 }));
    const urls = ["https://local.example.org/keep", "https://local.example.org/gone"];
    expect(await select(server.db, "SELECT title FROM articles WHERE url IN (?, ?) ORDER BY title", urls)).toEqual([{ title: "Kept, updated" }]);
  });

  it("is for admins only", async () => {
    const editor = await createKey(server.db, Role.EDITOR);
    const result = await gqlAs(server, editor, REFRESH, { input: { id: Buffer.from("Source:1").toString("base64url") } });
    expect(result.status).toBe(403);
    expect(result.body.errors?.[0].extensions).toEqual({ code: "FORBIDDEN" });
  });
});
