import type { DataSource } from "typeorm";
import { openDatabase } from "../../src/db";
import { createTestDatabase, type TestDatabase } from "../helpers/database";

/**
 * The schema is written twice: by the migrations (src/db/migrations), which make it, and by
 * the entities' column decorators (src/entities), which nothing reads for queries. Here the
 * entities are held to the migrations: on a freshly migrated database, TypeORM's schema
 * builder, comparing the entities with the tables, finds nothing to create, change or drop.
 *
 * What the migrations make that TypeORM cannot describe is left out of the comparison:
 * tables without an entity (the FTS5 index, search_dirty, article_search, article_tombstones,
 * change_counter, withdrawn_items, migrations) are not looked at; triggers and functions are
 * not either; an index TypeORM cannot spell (a descending column) is declared with
 * `synchronize: false`, so the builder neither drops nor creates it.
 */
async function pendingSchemaChanges(db: DataSource): Promise<string[]> {
  const sql = await db.driver.createSchemaBuilder().log();
  return sql.upQueries.map((query) => query.query);
}

/** Fails, listing the statements, when the schema builder would change anything. */
function expectNoSchemaChanges(db: DataSource, queries: string[]): void {
  if (queries.length) {
    throw new Error(
      `On ${db.options.type}, the entities (src/entities) differ from the schema the migrations made; ` +
        `fix the entities' decorators (or add a migration) until the schema builder would run none of:\n` +
        queries.map((query) => `  ${query};`).join("\n"),
    );
  }
}

describe("the entities and the migrations", () => {
  let database: TestDatabase;
  let db: DataSource;
  beforeAll(async () => {
    database = await createTestDatabase();
    db = await openDatabase(database.config);
  }, 60_000);
  afterAll(async () => {
    await db?.destroy();
    await database?.drop();
  });

  it("describe the same schema: after all migrations, the schema builder has nothing to do", async () => {
    expectNoSchemaChanges(db, await pendingSchemaChanges(db));
  });

  it("a difference fails with the statements that would remove it", async () => {
    await db.query("DROP INDEX ix_images_article");
    try {
      const queries = await pendingSchemaChanges(db);
      expect(() => expectNoSchemaChanges(db, queries)).toThrow(/CREATE INDEX "ix_images_article" ON "images"\s*\("article_id", "position"\)/);
    } finally {
      await db.query('CREATE INDEX "ix_images_article" ON "images" ("article_id", "position")');
    }
    expectNoSchemaChanges(db, await pendingSchemaChanges(db));
  });
});
