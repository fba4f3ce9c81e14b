import { MigrationInterface, QueryRunner } from "typeorm";

/**
 * Each tag's articles in list order, from the tag index alone: `article_tags.sort_at` is a
 * copy of the article's `sort_at` (written by the one write path, src/store/upsert-articles.ts,
 * and by tag merges), and `ix_article_tags_recent` orders a tag's articles newest first. Tag
 * pages read only their page's rows, and related news reads only the newest few articles of
 * each tag. Existing rows are filled in here.
 *
 * Plain ALTER TABLE (not TypeORM's addColumn, which rebuilds the table on SQLite and would
 * drop its triggers); the same statements run on SQLite and PostgreSQL.
 */
export class TagListOrder1733000000000 implements MigrationInterface {
  name = "TagListOrder1733000000000";

  async up(qr: QueryRunner): Promise<void> {
    await qr.query("ALTER TABLE article_tags ADD COLUMN sort_at bigint NOT NULL DEFAULT 0");
    await qr.query("UPDATE article_tags SET sort_at = (SELECT a.sort_at FROM articles a WHERE a.id = article_tags.article_id)");
    await qr.query("CREATE INDEX ix_article_tags_recent ON article_tags (tag_id, sort_at DESC, article_id DESC)");
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.query("DROP INDEX ix_article_tags_recent");
    await qr.query("ALTER TABLE article_tags DROP COLUMN sort_at");
  }
}
