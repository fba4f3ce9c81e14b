import { auditServer, type AuditResult } from "graphql-http";
import { startTestServer, type TestServer } from "../helpers/server";

/** Its id, name and, when it did not pass, the audit's reason. */
const describeResult = (result: AuditResult) =>
  `${result.id} ${result.name}${result.status === "ok" ? "" : `: ${result.reason}`}`;

describe("GraphQL over HTTP audit (graphql-http)", () => {
  let server: TestServer;
  let results: AuditResult[];
  beforeAll(async () => {
    server = await startTestServer();
    results = await auditServer({ url: `${server.url}/graphql` });
  });
  afterAll(() => server.stop());

  const withStatus = (status: AuditResult["status"]) => results.filter((r) => r.status === status).map(describeResult);

  it("fails no check", () => {
    expect(withStatus("error")).toEqual([]);
  });

  it("warns only where Apollo answers legacy application/json requests with 400 on purpose", () => {
    // The spec recommends 200 for these errors under application/json (for legacy clients);
    // Apollo answers them with 400, which is what the spec requires for
    // application/graphql-response+json (those checks pass).
    expect(withStatus("warn")).toEqual([
      "572B SHOULD use 200 status code on document parsing failure when accepting application/json: Response status code is not 200",
      "FDE2 SHOULD use 200 status code on document validation failure when accepting application/json: Response status code is not 200",
      "7B9B SHOULD use a status code of 200 on variable coercion failure when accepting application/json: Response status code is not 200",
    ]);
  });

  it("notes only optional GET forms that CSRF prevention refuses", () => {
    // GETs without a preflight-forcing header (apollo-require-preflight, x-apollo-operation-name,
    // or a non-simple content-type) are refused as possible cross-site request forgery.
    expect(results.filter((r) => r.status === "notice").map((r) => r.id)).toEqual(["5A70", "D6D5", "6A70"]);
  });
});
