import { dialectOf } from "../../src/db";
import { generateArticles } from "../../src/generate/generate-articles";
import { onPostgres } from "../helpers/database";
import { startTestServer, type TestServer } from "../helpers/server";

/** The filters, searches and facets docs/api.md shows; each must be answered from an index. */
const QUERIES: Record<string, string> = {
  frontPage: "{ articles(first: 20) { totalCount nodes { id tags { slug } images { url } links { url } source { name } related { id } } } }",
  nextPage: "query ($after: String) { articles(first: 20, after: $after) { nodes { id } } }",
  anyTag: '{ articles(filter: { tags: ["energie", "verkehr"] }) { totalCount nodes { id } } }',
  allTags: '{ articles(filter: { allTags: ["energie", "stadt"] }) { totalCount nodes { id } } }',
  category: '{ articles(filter: { category: "Sport" }) { totalCount nodes { id } } }',
  language: '{ articles(filter: { language: "en" }) { totalCount nodes { id } } }',
  dates: '{ articles(filter: { publishedAfter: "2025-01-01T00:00:00Z", publishedBefore: "2025-02-01T00:00:00Z" }) { totalCount nodes { id } } }',
  combined: '{ articles(filter: { or: [{ category: "Sport" }, { tags: ["verkehr"] }], language: "de" }) { totalCount nodes { id } } }',
  tagPage: '{ tag(slug: "energie") { articleCount articles(first: 10) { nodes { id } } } }',
  search: '{ search(query: "grossstadte OR verkehr*", first: 10) { totalCount edges { score snippet node { id } } } }',
  searchFiltered: '{ search(query: "stadt", filter: { category: "Kultur" }) { totalCount edges { node { id } } } }',
  facets: "{ facets { tags { count } sources { count } categories { count } languages { count } published(interval: MONTH) { count } } }",
  facetsFiltered: '{ facets(filter: { tags: ["energie"] }) { tags { count } categories { count } published(interval: WEEK) { count } } }',
  changes: "{ changes(first: 50) { articles { id } nextSince } }",
};

/**
 * The full scans of the articles table in a statement's plan. SQLite: EXPLAIN QUERY PLAN's
 * "SCAN a" without an index. PostgreSQL: with sequential scans priced out (enable_seqscan
 * off; the table is small enough that the planner would rightly prefer them), a "Seq Scan"
 * on articles that remains is one no index can serve.
 */
async function fullScansOf(server: TestServer, sql: string, params: unknown[]): Promise<string[]> {
  if (!onPostgres) {
    const connection = (server.db.driver as unknown as { databaseConnection: { prepare(sql: string): { all(...p: unknown[]): { detail: string }[] } } }).databaseConnection;
    const plan = connection.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params).map((row) => row.detail);
    return plan.filter((line) => /^SCAN (a|articles)\b/.test(line) && !/USING (COVERING )?INDEX/.test(line));
  }
  type PlanNode = { "Node Type": string; "Relation Name"?: string; Alias?: string; Plans?: PlanNode[] };
  const runner = server.db.createQueryRunner();
  try {
    await runner.query("SET enable_seqscan = off");
    const [row] = await runner.query(`EXPLAIN (FORMAT JSON) ${sql}`, params);
    const scans: string[] = [];
    const walk = (node: PlanNode) => {
      if (node["Node Type"] === "Seq Scan" && node["Relation Name"] === "articles") scans.push(`Seq Scan on articles ${node.Alias}`);
      node.Plans?.forEach(walk);
    };
    walk(row["QUERY PLAN"][0].Plan);
    return scans;
  } finally {
    await runner.query("RESET enable_seqscan");
    await runner.release();
  }
}

describe("query plans over generated articles", () => {
  let server: TestServer;
  const statements: { sql: string; params: unknown[] }[] = [];

  beforeAll(async () => {
    server = await startTestServer({ SCHEDULER: "off" });
    await generateArticles(server.db, { articles: 1500, seed: 3 });
    const query = server.db.query.bind(server.db);
    server.db.query = ((sql: string, params?: unknown[]) => {
      if (/^\s*(WITH|SELECT)/i.test(sql)) statements.push({ sql, params: params ?? [] });
      return query(sql, params);
    }) as typeof server.db.query;
  }, 120_000);
  afterAll(() => server.stop());

  it.each(Object.entries(QUERIES))("%s scans no table of articles", async (_name, query) => {
    statements.length = 0;
    const after = (await server.gql("{ articles(first: 20) { pageInfo { endCursor } } }")).data.articles.pageInfo.endCursor;
    statements.length = 0;
    const result = await server.gql(query, { after });
    expect(result.errors).toBeUndefined();
    expect(statements.length).toBeGreaterThan(0);
    for (const { sql, params } of statements) {
      const fullScans = await fullScansOf(server, sql, params);
      expect({ sql: sql.replace(/\s+/g, " ").trim(), fullScans }).toEqual({ sql: sql.replace(/\s+/g, " ").trim(), fullScans: [] });
    }
  });
});

describe("the plan check", () => {
  it("sees a full scan where there is one", async () => {
    const server = await startTestServer({ SCHEDULER: "off" });
    try {
      const sql = dialectOf(server.db).placeholders("SELECT COUNT(*) FROM articles a WHERE a.author = ?");
      expect(await fullScansOf(server, sql, ["x"])).toEqual([onPostgres ? "Seq Scan on articles a" : "SCAN a"]);
    } finally {
      await server.stop();
    }
  });
});
