import { MigrationInterface, QueryRunner, Table } from "typeorm";
import { columnTypes } from "./column-types";

/**
 * Feeds as they really are:
 * - `articles.url` is no longer unique: podcast episodes and videos are distinct articles
 *   although every item links to the show's page. `url_is_permalink` says whether the URL is
 *   the item's own (then it identifies the article across sources) or one shared by several
 *   items of a feed. A plain index on `url` keeps the lookup.
 * - `article_authors`: every author an item names, in order (`articles.author` stays the
 *   first one's name); filled from `articles.author` for what is stored.
 * - `attachments`: audio, video and other files of an article (JSON Feed 1.1's shape).
 * - `sources.last_warning`: what the last fetch read with trouble (e.g. truncated XML of
 *   which the complete items were kept), shown to the operator.
 *
 * SQLite cannot drop a table constraint: the articles table is rebuilt in the documented way
 * (new table, copy, drop, rename) with its indexes and triggers re-created from their own SQL
 * and its id sequence kept, so that ids of deleted articles are never given out again.
 * Migrations run with foreign keys off, so dropping the old table cascades nowhere. Undone,
 * URLs are made unique again, which fails while articles share one.
 */
export class FeedsAsTheyAre1733200000000 implements MigrationInterface {
  name = "FeedsAsTheyAre1733200000000";

  async up(qr: QueryRunner): Promise<void> {
    const { postgres } = columnTypes(qr);
    await qr.query("ALTER TABLE articles ADD COLUMN url_is_permalink boolean NOT NULL DEFAULT TRUE");
    if (postgres) await dropUrlUniquePostgres(qr);
    else await dropUrlUniqueSqlite(qr);
    await qr.query("CREATE INDEX ix_articles_url ON articles (url)");

    const articleFk = { columnNames: ["article_id"], referencedTableName: "articles", referencedColumnNames: ["id"], onDelete: "CASCADE" };
    await qr.createTable(
      new Table({
        name: "article_authors",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "position", type: "integer", isPrimary: true },
          { name: "name", type: "varchar", length: "500" },
          { name: "url", type: "varchar", length: "2000", isNullable: true },
        ],
        foreignKeys: [articleFk],
      }),
    );
    await qr.createTable(
      new Table({
        name: "attachments",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "position", type: "integer", isPrimary: true },
          { name: "url", type: "varchar", length: "2000" },
          { name: "mime_type", type: "varchar", length: "200", isNullable: true },
          { name: "size_in_bytes", type: postgres ? "double precision" : "real", isNullable: true },
          { name: "duration_seconds", type: "integer", isNullable: true },
          { name: "title", type: "text", isNullable: true },
        ],
        foreignKeys: [articleFk],
      }),
    );
    await qr.query("INSERT INTO article_authors (article_id, position, name) SELECT id, 0, author FROM articles WHERE author IS NOT NULL AND author <> ''");
    await qr.query("ALTER TABLE sources ADD COLUMN last_warning text");
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query("ALTER TABLE sources DROP COLUMN last_warning");
    await qr.dropTable("attachments");
    await qr.dropTable("article_authors");
    await qr.query("DROP INDEX ix_articles_url");
    await qr.query("ALTER TABLE articles DROP COLUMN url_is_permalink");
    await restoreUrlUnique(qr, columnTypes(qr).postgres);
  }
}

async function dropUrlUniquePostgres(qr: QueryRunner): Promise<void> {
  const rows: { conname: string }[] = await qr.query(
    `SELECT c.conname FROM pg_constraint c
       JOIN pg_class t ON t.oid = c.conrelid
       JOIN pg_namespace n ON n.oid = t.relnamespace AND n.nspname = current_schema()
       JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = c.conkey[1]
     WHERE t.relname = 'articles' AND c.contype = 'u' AND cardinality(c.conkey) = 1 AND a.attname = 'url'`,
  );
  for (const { conname } of rows) await qr.query(`ALTER TABLE articles DROP CONSTRAINT "${conname.replace(/"/g, '""')}"`);
}

const URL_UNIQUE = /,\s*CONSTRAINT\s+"[^"]+"\s+UNIQUE\s*\(\s*"url"\s*\)/i;

async function dropUrlUniqueSqlite(qr: QueryRunner): Promise<void> {
  await rebuildSqliteArticles(qr, (sql) => sql.replace(URL_UNIQUE, ""));
}

/**
 * Rebuilds SQLite's articles table from its own CREATE statement as `change` rewrites it:
 * new table, copy, drop, rename; its indexes and triggers re-created from their own SQL, and
 * its id sequence kept. Nothing happens when `change` leaves the statement as it is.
 */
async function rebuildSqliteArticles(qr: QueryRunner, change: (createTable: string) => string): Promise<void> {
  const [table]: { sql: string }[] = await qr.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'articles'");
  const rebuilt = change(table.sql);
  if (rebuilt === table.sql) return;
  const [{ foreign_keys: enforced }]: { foreign_keys: number }[] = await qr.query("PRAGMA foreign_keys");
  if (enforced) {
    // Dropping the old table would delete every article's tags, images and links with it.
    throw new Error("the articles table is rebuilt with foreign keys off: run migrations through Newsgate (npm run cli -- migrate), not inside a transaction of your own");
  }
  const dependents: { sql: string }[] = await qr.query(
    "SELECT sql FROM sqlite_master WHERE tbl_name = 'articles' AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name",
  );
  const [sequence]: { seq: number }[] = await qr.query("SELECT seq FROM sqlite_sequence WHERE name = 'articles'");
  await qr.query(rebuilt.replace(/^CREATE TABLE "articles"/, 'CREATE TABLE "articles_rebuilt"'));
  await qr.query('INSERT INTO "articles_rebuilt" SELECT * FROM articles');
  // Triggers of other tables name `articles`; the rename must not check them while it is gone.
  await qr.query("PRAGMA legacy_alter_table = ON");
  try {
    await qr.query("DROP TABLE articles");
    await qr.query('ALTER TABLE "articles_rebuilt" RENAME TO articles');
  } finally {
    await qr.query("PRAGMA legacy_alter_table = OFF");
  }
  for (const { sql } of dependents) await qr.query(sql);
  if (sequence) await qr.query("UPDATE sqlite_sequence SET seq = MAX(seq, ?) WHERE name = 'articles'", [sequence.seq]);
}

/** Makes article URLs unique again, as before this migration; fails while two articles share one. */
async function restoreUrlUnique(qr: QueryRunner, postgres: boolean): Promise<void> {
  const [shared]: { url: string }[] = await qr.query("SELECT url FROM articles WHERE url IS NOT NULL GROUP BY url HAVING COUNT(*) > 1 LIMIT 1");
  if (shared) throw new Error(`cannot undo FeedsAsTheyAre: several articles share the URL ${shared.url}; delete all but one first`);
  if (postgres) await qr.query("ALTER TABLE articles ADD CONSTRAINT uq_articles_url UNIQUE (url)");
  else await rebuildSqliteArticles(qr, (sql) => sql.replace(/\)$/, ', CONSTRAINT "uq_articles_url" UNIQUE ("url"))'));
}
