import { MigrationInterface, QueryRunner, Table } from "typeorm";
import { refreshSearchIndex } from "../search-index";
import { columnTypes } from "./column-types";
import { downPostgresSearchAndSync, upPostgresSearchAndSync } from "./postgres-search-and-sync";

/** Takes the next change number (a counter that never goes back, deletes included). */
const TAKE_SEQ = "UPDATE change_counter SET value = value + 1 WHERE id = 1;";
const SEQ = "(SELECT value FROM change_counter WHERE id = 1)";

/** Marks an article for re-indexing; the full-text rows are rewritten once per transaction. */
const MARK_DIRTY = (id: string) => `INSERT INTO search_dirty (article_id) VALUES (${id}) ON CONFLICT (article_id) DO NOTHING;`;

/**
 * Search, filters and incremental sync:
 * - indexes for filtering by category and language in list order;
 * - `change_seq` on articles and `article_tombstones`: every write and delete takes the next
 *   number from `change_counter`, so a client can ask for everything after the last number
 *   it saw;
 * - on SQLite, an FTS5 index over folded title, teaser, body text and tag names, kept in step
 *   with the articles in the same transaction: triggers mark changed articles in
 *   `search_dirty`, and every write transaction rewrites their index rows before it commits
 *   (see refreshSearchIndex in src/db/search-index.ts), once per article however many of
 *   its rows changed. A deleted article leaves the index at once;
 * - on PostgreSQL, the same with a tsvector per article under a GIN index, plpgsql triggers
 *   and a notification per commit (see postgres-search-and-sync.ts).
 */
export class SearchAndSync1732800000000 implements MigrationInterface {
  name = "SearchAndSync1732800000000";

  async up(qr: QueryRunner): Promise<void> {
    const { postgres, timestamp } = columnTypes(qr);
    await qr.query("ALTER TABLE articles ADD COLUMN change_seq bigint NOT NULL DEFAULT 0");
    await qr.query("UPDATE articles SET change_seq = id");
    await qr.query("CREATE INDEX ix_articles_change_seq ON articles (change_seq)");
    await qr.query("CREATE INDEX ix_articles_category ON articles (category, sort_at, id)");
    await qr.query("CREATE INDEX ix_articles_language ON articles (language, sort_at, id)");
    await qr.createTable(
      new Table({
        name: "article_tombstones",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "change_seq", type: "bigint" },
          { name: "deleted_at", type: timestamp },
        ],
        indices: [{ name: "ix_article_tombstones_change_seq", columnNames: ["change_seq"] }],
      }),
    );
    await qr.createTable(
      new Table({
        name: "change_counter",
        columns: [
          { name: "id", type: "integer", isPrimary: true },
          { name: "value", type: "bigint" },
        ],
      }),
    );
    await qr.query("INSERT INTO change_counter (id, value) SELECT 1, COALESCE(MAX(change_seq), 0) FROM articles");
    if (postgres) return upPostgresSearchAndSync(qr);

    await qr.query(
      "CREATE VIRTUAL TABLE article_fts USING fts5(title, teaser, body, tags, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 2')",
    );
    await qr.query("CREATE TABLE search_dirty (article_id integer PRIMARY KEY NOT NULL)");
    await qr.query(`INSERT INTO search_dirty (article_id) SELECT id FROM articles`);
    await refreshSearchIndex((sql) => qr.query(sql));
    await qr.query(`
      CREATE TRIGGER articles_after_insert AFTER INSERT ON articles BEGIN
        ${TAKE_SEQ}
        UPDATE articles SET change_seq = ${SEQ} WHERE id = NEW.id;
        ${MARK_DIRTY("NEW.id")}
      END`);
    await qr.query(`
      CREATE TRIGGER articles_after_update
      AFTER UPDATE OF slug, title, teaser, body, url, category, language, author, published_at, source_id, content_hash, updated_at ON articles
      BEGIN
        ${TAKE_SEQ}
        UPDATE articles SET change_seq = ${SEQ} WHERE id = NEW.id;
        ${MARK_DIRTY("NEW.id")}
      END`);
    await qr.query(`
      CREATE TRIGGER articles_after_delete AFTER DELETE ON articles BEGIN
        DELETE FROM article_fts WHERE rowid = OLD.id;
        DELETE FROM search_dirty WHERE article_id = OLD.id;
        ${TAKE_SEQ}
        INSERT INTO article_tombstones (article_id, change_seq, deleted_at) VALUES (OLD.id, ${SEQ}, CURRENT_TIMESTAMP)
          ON CONFLICT (article_id) DO UPDATE SET change_seq = excluded.change_seq, deleted_at = excluded.deleted_at;
      END`);
    // An article whose tags or related news change is changed too: it takes a new number
    // (so sync delivers it again) and, for tags, is indexed again.
    for (const [event, row] of [["INSERT", "NEW"], ["DELETE", "OLD"]]) {
      await qr.query(`
        CREATE TRIGGER article_tags_after_${event.toLowerCase()} AFTER ${event} ON article_tags
        WHEN EXISTS (SELECT 1 FROM articles WHERE id = ${row}.article_id)
        BEGIN
          ${TAKE_SEQ}
          UPDATE articles SET change_seq = ${SEQ} WHERE id = ${row}.article_id;
          ${MARK_DIRTY(`${row}.article_id`)}
        END`);
      await qr.query(`
        CREATE TRIGGER article_relations_after_${event.toLowerCase()} AFTER ${event} ON article_relations
        WHEN EXISTS (SELECT 1 FROM articles WHERE id = ${row}.article_id)
        BEGIN
          ${TAKE_SEQ}
          UPDATE articles SET change_seq = ${SEQ} WHERE id = ${row}.article_id;
        END`);
    }
    // A renamed tag changes every article that carries it: each takes its own new number.
    const tagged = "SELECT COUNT(*) FROM article_tags x WHERE x.tag_id = NEW.id";
    await qr.query(`
      CREATE TRIGGER tags_after_rename AFTER UPDATE OF name, slug ON tags BEGIN
        UPDATE change_counter SET value = value + (${tagged}) WHERE id = 1;
        UPDATE articles SET change_seq = ${SEQ} - (${tagged} AND x.article_id > articles.id)
          WHERE id IN (SELECT article_id FROM article_tags WHERE tag_id = NEW.id);
        INSERT INTO search_dirty (article_id) SELECT article_id FROM article_tags WHERE tag_id = NEW.id
          ON CONFLICT (article_id) DO NOTHING;
      END`);
    // Sources and tags are listed on their own and shown in articles: a new, changed or
    // removed one changes the store.
    await qr.query(`
      CREATE TRIGGER sources_after_update AFTER UPDATE OF name, url, kind, enabled ON sources BEGIN
        ${TAKE_SEQ}
      END`);
    for (const table of ["sources", "tags"]) {
      for (const event of ["INSERT", "DELETE"]) {
        await qr.query(`CREATE TRIGGER ${table}_after_${event.toLowerCase()} AFTER ${event} ON ${table} BEGIN ${TAKE_SEQ} END`);
      }
    }
  }

  async down(qr: QueryRunner): Promise<void> {
    if (qr.connection.driver.options.type === "postgres") {
      await downPostgresSearchAndSync(qr);
    } else {
      for (const trigger of [
        "articles_after_insert", "articles_after_update", "articles_after_delete", "article_tags_after_insert", "article_tags_after_delete",
        "article_relations_after_insert", "article_relations_after_delete", "tags_after_rename", "sources_after_update",
        "sources_after_insert", "sources_after_delete", "tags_after_insert", "tags_after_delete",
      ]) {
        await qr.query(`DROP TRIGGER IF EXISTS ${trigger}`);
      }
      await qr.query("DROP TABLE IF EXISTS article_fts");
      await qr.query("DROP TABLE IF EXISTS search_dirty");
    }
    await qr.dropTable("change_counter");
    await qr.dropTable("article_tombstones");
    for (const index of ["ix_articles_change_seq", "ix_articles_category", "ix_articles_language"]) {
      await qr.query(`DROP INDEX ${index}`);
    }
    await qr.query("ALTER TABLE articles DROP COLUMN change_seq");
  }
}
