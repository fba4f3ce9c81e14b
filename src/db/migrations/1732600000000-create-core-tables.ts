import { MigrationInterface, QueryRunner, Table, TableColumnOptions } from "typeorm";
import { columnTypes } from "./column-types";

/**
 * The core tables: sources, articles, tags and what hangs off articles. Written with
 * TypeORM's schema API so that the same migration creates the tables on SQLite and
 * PostgreSQL.
 */
export class CreateCoreTables1732600000000 implements MigrationInterface {
  name = "CreateCoreTables1732600000000";

  async up(qr: QueryRunner): Promise<void> {
    const { postgres, timestamp, now } = columnTypes(qr);
    // Slugs compare and sort by code point on PostgreSQL too, as on SQLite: slug ranges
    // (see freeSlug) and tag pages in slug order use the unique index whatever the database's locale.
    const slugCollation = postgres ? "C" : undefined;
    const id: TableColumnOptions = { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" };
    const created: TableColumnOptions = { name: "created_at", type: timestamp, default: now };
    const articleFk = { columnNames: ["article_id"], referencedTableName: "articles", referencedColumnNames: ["id"], onDelete: "CASCADE" };

    await qr.createTable(
      new Table({
        name: "sources",
        columns: [
          id,
          { name: "name", type: "varchar", length: "200" },
          { name: "url", type: "varchar", length: "2000", isNullable: true, isUnique: true },
          { name: "kind", type: "varchar", length: "20" },
          { name: "enabled", type: "boolean", default: true },
          { name: "fetch_interval_seconds", type: "integer", default: 900 },
          { name: "last_fetched_at", type: timestamp, isNullable: true },
          { name: "last_error", type: "text", isNullable: true },
          { name: "consecutive_failures", type: "integer", default: 0 },
          { name: "next_fetch_at", type: timestamp, isNullable: true },
          { name: "language", type: "varchar", length: "20", isNullable: true },
          created,
          { name: "updated_at", type: timestamp, default: now },
        ],
      }),
    );

    await qr.createTable(
      new Table({
        name: "articles",
        columns: [
          id,
          { name: "slug", type: "varchar", length: "200", isUnique: true, collation: slugCollation },
          { name: "title", type: "varchar", length: "1000" },
          { name: "teaser", type: "text", isNullable: true },
          { name: "body", type: "text", isNullable: true },
          { name: "url", type: "varchar", length: "2000", isNullable: true, isUnique: true },
          { name: "guid", type: "varchar", length: "2000", isNullable: true },
          { name: "source_id", type: "integer", isNullable: true },
          { name: "category", type: "varchar", length: "200", isNullable: true },
          { name: "language", type: "varchar", length: "35", isNullable: true },
          { name: "author", type: "varchar", length: "500", isNullable: true },
          { name: "published_at", type: timestamp, isNullable: true },
          { name: "sort_at", type: "bigint" },
          { name: "content_hash", type: "varchar", length: "64" },
          created,
          { name: "updated_at", type: timestamp },
        ],
        uniques: [{ name: "uq_articles_source_guid", columnNames: ["source_id", "guid"] }],
        indices: [
          { name: "ix_articles_order", columnNames: ["sort_at", "id"] },
          { name: "ix_articles_source", columnNames: ["source_id", "sort_at", "id"] },
        ],
        foreignKeys: [{ columnNames: ["source_id"], referencedTableName: "sources", referencedColumnNames: ["id"], onDelete: "SET NULL" }],
      }),
    );

    await qr.createTable(
      new Table({
        name: "tags",
        columns: [id, { name: "name", type: "varchar", length: "200" }, { name: "slug", type: "varchar", length: "200", isUnique: true, collation: slugCollation }, created],
      }),
    );

    await qr.createTable(
      new Table({
        name: "article_tags",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "tag_id", type: "integer", isPrimary: true },
          { name: "position", type: "integer" },
        ],
        indices: [{ name: "ix_article_tags_tag", columnNames: ["tag_id", "article_id"] }],
        foreignKeys: [articleFk, { columnNames: ["tag_id"], referencedTableName: "tags", referencedColumnNames: ["id"], onDelete: "CASCADE" }],
      }),
    );

    await qr.createTable(
      new Table({
        name: "images",
        columns: [
          id,
          { name: "article_id", type: "integer" },
          { name: "position", type: "integer" },
          { name: "url", type: "varchar", length: "2000", isNullable: true },
          { name: "alt", type: "text", isNullable: true },
          { name: "caption", type: "text", isNullable: true },
          { name: "credit", type: "varchar", length: "500", isNullable: true },
          { name: "width", type: "integer", isNullable: true },
          { name: "height", type: "integer", isNullable: true },
        ],
        indices: [{ name: "ix_images_article", columnNames: ["article_id", "position"] }],
        foreignKeys: [articleFk],
      }),
    );

    await qr.createTable(
      new Table({
        name: "links",
        columns: [
          id,
          { name: "article_id", type: "integer" },
          { name: "position", type: "integer" },
          { name: "url", type: "varchar", length: "2000" },
          { name: "label", type: "varchar", length: "1000", isNullable: true },
          { name: "rel", type: "varchar", length: "100", isNullable: true },
        ],
        indices: [{ name: "ix_links_article", columnNames: ["article_id", "position"] }],
        foreignKeys: [articleFk],
      }),
    );

    await qr.createTable(
      new Table({
        name: "article_relations",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "related_id", type: "integer", isPrimary: true },
          { name: "position", type: "integer" },
        ],
        indices: [{ name: "ix_article_relations_related", columnNames: ["related_id"] }],
        foreignKeys: [articleFk, { columnNames: ["related_id"], referencedTableName: "articles", referencedColumnNames: ["id"], onDelete: "CASCADE" }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const table of ["article_relations", "links", "images", "article_tags", "tags", "articles", "sources"]) {
      await qr.dropTable(table);
    }
  }
}
