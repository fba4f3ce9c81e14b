import { select } from "../../src/store/sql";
import { Role } from "../../src/auth/roles";
import { addArticles } from "../helpers/articles";
import { articleId, createKey, gqlAs } from "../helpers/auth";
import { startTestServer, type TestServer } from "../helpers/server";

const ARTICLE = "id slug title teaser body url category language author publishedAt tags { name slug } related { title } source { name kind }";
const CREATE = `mutation ($input: CreateArticleInput!) { createArticle(input: $input) { article { ${ARTICLE} } } }`;
const UPDATE = `mutation ($input: UpdateArticleInput!) { updateArticle(input: $input) { article { ${ARTICLE} } } }`;
const DELETE = "mutation ($input: DeleteArticleInput!) { deleteArticle(input: $input) { deletedId } }";
const RELATED = "mutation ($input: SetRelatedArticlesInput!) { setRelatedArticles(input: $input) { article { title related(first: 10) { title } } } }";
const ADD_TAGS = "mutation ($input: ArticleTagsInput!) { addTags(input: $input) { article { tags { name slug } } } }";
const REMOVE_TAGS = "mutation ($input: ArticleTagsInput!) { removeTags(input: $input) { article { tags { name slug } } } }";

describe("editorial mutations on articles", () => {
  let server: TestServer;
  let editor: string;
  let ids: string[];
  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    editor = await createKey(server.db, Role.EDITOR);
    ids = (
      await addArticles(server.db, [
        { guid: "e1", title: "First feed item", url: "https://example.org/e1", tags: ["Alpha"] },
        { guid: "e2", title: "Second feed item", url: "https://example.org/e2" },
        { guid: "e3", title: "Third feed item", url: "https://example.org/e3" },
      ])
    ).map(articleId);
  });
  afterAll(() => server.stop());

  const as = (query: string, variables: Record<string, unknown>) => gqlAs(server, editor, query, variables);
  const rowCount = async (table: string) => Number((await select(server.db, `SELECT COUNT(*) AS n FROM ${table}`))[0].n);

  it("creates a hand-written article in the MANUAL source, with slug, tags and related news", async () => {
    const result = await as(CREATE, {
      input: {
        title: "  Council approves budget ",
        slug: "council-budget-2025",
        teaser: "The council met.",
        body: "<p>Long <script>x()</script>text</p>",
        url: "https://news.example.org/budget",
        category: "Politik",
        language: "en-GB",
        author: "Jo Editor",
        publishedAt: "2025-02-01T09:00:00.000Z",
        tags: ["Budget", "City Council", "budget"],
        relatedIds: [ids[1], ids[0]],
      },
    });
    expect(result).toEqual({
      status: 200,
      body: {
        data: {
          createArticle: {
            article: {
              id: expect.any(String),
              slug: "council-budget-2025",
              title: "Council approves budget",
              teaser: "The council met.",
              body: "<p>Long text</p>",
              url: "https://news.example.org/budget",
              category: "Politik",
              language: "en-GB",
              author: "Jo Editor",
              publishedAt: "2025-02-01T09:00:00.000Z",
              tags: [{ name: "Budget", slug: "budget" }, { name: "City Council", slug: "city-council" }],
              related: [{ title: "Second feed item" }, { title: "First feed item" }],
              source: { name: "Newsroom editors", kind: "MANUAL" },
            },
          },
        },
      },
    });
  });

  it("reports every problem of an input at once, and writes nothing", async () => {
    const before = await rowCount("articles");
    const result = await as(CREATE, {
      input: {
        title: " ",
        slug: "Not A Slug",
        url: "ftp://example.org/file",
        language: "german language",
        publishedAt: "1850-01-01T00:00:00Z",
        tags: [""],
        relatedIds: ["not-an-id"],
      },
    });
    expect(result.status).toBe(200);
    expect(result.body.data).toBeNull();
    expect(result.body.errors).toEqual([
      {
        message: expect.stringMatching(/^The input is invalid \(8 problems\): title: must not be blank; slug: .*/),
        locations: expect.any(Array),
        path: ["createArticle"],
        extensions: {
          code: "BAD_USER_INPUT",
          fields: [
            { field: "title", message: "must not be blank" },
            { field: "slug", message: 'must be lower-case letters a-z and digits in words joined by single hyphens, e.g. "city-council-meets"' },
            { field: "url", message: "must be an absolute http:// or https:// URL" },
            { field: "language", message: 'must be a BCP-47 language tag, e.g. "de" or "en-GB"' },
            { field: "publishedAt", message: "must be on or after 1900-01-01" },
            { field: "tags", message: "each tag must be 1 to 200 characters" },
            { field: "tags", message: "each tag needs a letter or digit" },
            { field: "relatedIds", message: "must be an Article id; take it from an Article's id field" },
          ],
        },
      },
    ]);
    expect(await rowCount("articles")).toBe(before);
  });

  it("names ids that do not exist in the same answer as the input's other problems", async () => {
    const gone = articleId(999_998);
    const result = await as(CREATE, { input: { title: "Mixed", url: "ftp://example.org/x", relatedIds: [ids[0], gone] } });
    expect(result.body.errors?.[0].extensions).toEqual({
      code: "BAD_USER_INPUT",
      fields: [
        { field: "url", message: "must be an absolute http:// or https:// URL" },
        { field: "relatedIds.1", message: "no article has this id; take ids from an article's id field" },
      ],
    });
  });

  it("checks ids, slugs and URLs against the store inside the transaction", async () => {
    const before = await rowCount("articles");
    const gone = articleId(999_999);
    const result = await as(CREATE, {
      input: { title: "Duplicate", slug: "council-budget-2025", url: "https://example.org/e1", relatedIds: [ids[0], gone] },
    });
    expect(result.body).toEqual({
      data: null,
      errors: [
        {
          message: expect.stringContaining("(3 problems)"),
          locations: expect.any(Array),
          path: ["createArticle"],
          extensions: {
            code: "BAD_USER_INPUT",
            fields: [
              { field: "relatedIds.1", message: "no article has this id; take ids from an article's id field" },
              { field: "slug", message: "another article already has this slug; choose another" },
              { field: "url", message: "another article already has this url; choose another" },
            ],
          },
        },
      ],
    });
    expect(await rowCount("articles")).toBe(before);
    const unknown = await as(UPDATE, { input: { id: gone, title: "Nope" } });
    expect(unknown.body.errors?.[0].extensions).toEqual({ code: "BAD_USER_INPUT", fields: [{ field: "id", message: "no article has this id (deleted, or never was)" }] });
  });

  it("updates only the fields given; null clears, a null title is refused", async () => {
    const result = await as(UPDATE, { input: { id: ids[2], title: "Third item, edited", teaser: "Now with a teaser", category: null } });
    expect(result.body).toEqual({
      data: {
        updateArticle: {
          article: expect.objectContaining({ id: ids[2], slug: "third-feed-item", title: "Third item, edited", teaser: "Now with a teaser", category: null, url: "https://example.org/e3" }),
        },
      },
    });
    const cleared = await as(UPDATE, { input: { id: ids[2], teaser: null } });
    expect(cleared.body.data.updateArticle.article.teaser).toBeNull();
    const refused = await as(UPDATE, { input: { id: ids[2], title: null } });
    expect(refused.body.errors?.[0].extensions?.fields).toEqual([{ field: "title", message: "must be 1 to 1000 characters" }, { field: "title", message: "must not be blank" }]);
  });

  it("sets related news in order, and adds and removes tags", async () => {
    expect((await as(RELATED, { input: { id: ids[0], relatedIds: [ids[2], ids[1]] } })).body).toEqual({
      data: { setRelatedArticles: { article: { title: "First feed item", related: [{ title: "Third item, edited" }, { title: "Second feed item" }] } } },
    });
    const self = await as(RELATED, { input: { id: ids[0], relatedIds: [ids[0]] } });
    expect(self.body.errors?.[0].extensions?.fields).toEqual([{ field: "relatedIds.0", message: "an article cannot be related to itself" }]);

    expect((await as(ADD_TAGS, { input: { id: ids[0], tags: ["Beta", "alpha", "Gamma Ray"] } })).body).toEqual({
      data: { addTags: { article: { tags: [{ name: "Alpha", slug: "alpha" }, { name: "Beta", slug: "beta" }, { name: "Gamma Ray", slug: "gamma-ray" }] } } },
    });
    expect((await as(REMOVE_TAGS, { input: { id: ids[0], tags: ["alpha", "gamma-ray"] } })).body).toEqual({
      data: { removeTags: { article: { tags: [{ name: "Beta", slug: "beta" }] } } },
    });
    const missing = await as(REMOVE_TAGS, { input: { id: ids[0], tags: ["Beta", "Delta"] } });
    expect(missing.body.errors?.[0].extensions?.fields).toEqual([{ field: "tags.1", message: 'the article has no tag "Delta"' }]);
    expect((await server.gql(`{ article(id: "${ids[0]}") { tags { slug } } }`)).data.article.tags).toEqual([{ slug: "beta" }]);
  });

  it("deletes an article and leaves a tombstone in the change feed", async () => {
    const { data } = await server.gql("{ changes(since: null, first: 100) { nextSince } }");
    expect((await as(DELETE, { input: { id: ids[1] } })).body).toEqual({ data: { deleteArticle: { deletedId: ids[1] } } });
    expect((await server.gql(`{ article(id: "${ids[1]}") { id } }`)).data).toEqual({ article: null });
    const changes = await server.gql("query ($since: String) { changes(since: $since) { deletedIds } }", { since: data.changes.nextSince });
    expect(changes.data.changes.deletedIds).toContain(ids[1]);
    const again = await as(DELETE, { input: { id: ids[1] } });
    expect(again.body.errors?.[0].extensions?.fields).toEqual([{ field: "id", message: "no article has this id (deleted, or never was)" }]);
  });

  it("runs two concurrent edits of one article one after the other: both land, nothing half-written", async () => {
    const [target] = (await addArticles(server.db, [{ guid: "race", title: "Race", url: "https://example.org/race", tags: ["Start"] }])).map(articleId);
    const edits = await Promise.all([
      as(UPDATE, { input: { id: target, title: "Race, retitled", teaser: "Teaser from the first edit" } }),
      as(ADD_TAGS, { input: { id: target, tags: ["Finish"] } }),
      as(UPDATE, { input: { id: target, author: "Second editor", tags: ["Start", "Middle"] } }),
    ]);
    for (const edit of edits) expect(edit.body.errors).toBeUndefined();
    const { data } = await server.gql(`{ article(id: "${target}") { title teaser author tags { name } } }`);
    expect(data.article).toEqual(expect.objectContaining({ title: "Race, retitled", teaser: "Teaser from the first edit", author: "Second editor" }));
    // Whatever the order, each tag edit saw the one before it.
    const tags = data.article.tags.map((t: { name: string }) => t.name);
    expect([["Start", "Middle"], ["Start", "Middle", "Finish"]]).toContainEqual(tags);
  });
});
