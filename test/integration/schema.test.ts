import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildClientSchema, getIntrospectionQuery, isObjectType, lexicographicSortSchema, printSchema } from "graphql";
import { buildNewsgateSchema, schemaSdl } from "../../src/graphql";
import { calledDirectly } from "../../src/graphql/execution/direct-resolvers";
import { startTestServer, type TestServer } from "../helpers/server";

const committed = readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8");

describe("schema/schema.graphql", () => {
  it("is what the code builds (run `npm run schema` after changing the API)", async () => {
    expect(schemaSdl(await buildNewsgateSchema())).toBe(committed);
  });

  it("calls the field resolvers lists ask for directly, past type-graphql's wrapper", async () => {
    const schema = await buildNewsgateSchema();
    const direct = Object.values(schema.getTypeMap())
      .filter(isObjectType)
      .flatMap((type) => Object.values(type.getFields()).flatMap((field) => (calledDirectly(field.resolve) ? [`${type.name}.${field.name}`] : [])));
    expect(direct.sort()).toEqual([
      "Article.attachments",
      "Article.authors",
      "Article.body",
      "Article.images",
      "Article.links",
      "Article.related",
      "Article.source",
      "Article.tags",
      "ArticleConnection.totalCount",
      "Facets.categories",
      "Facets.languages",
      "Facets.sources",
      "Facets.tags",
      "SearchConnection.totalCount",
      "SearchEdge.snippet",
      "Source.articleCount",
      "SourceCount.source",
      "Tag.articleCount",
      "TagConnection.totalCount",
      "TagCount.tag",
    ]);
  });

  describe("served", () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer();
    });
    afterAll(() => server.stop());

    it("equals the committed file", async () => {
      const { data } = await server.gql(getIntrospectionQuery({ descriptions: true }));
      expect(`${printSchema(lexicographicSortSchema(buildClientSchema(data)))}\n`).toBe(committed);
    });
  });
});
