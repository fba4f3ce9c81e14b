import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildClientSchema, getIntrospectionQuery, lexicographicSortSchema, printSchema } from "graphql";
import { buildNewsgateSchema, schemaSdl } from "../../src/graphql";
import { startTestServer, type TestServer } from "../helpers/server";

const committed = readFileSync(join(__dirname, "..", "..", "schema", "schema.graphql"), "utf8");

describe("schema/schema.graphql", () => {
  it("is what the code builds (run `npm run schema` after changing the API)", async () => {
    expect(schemaSdl(await buildNewsgateSchema())).toBe(committed);
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
