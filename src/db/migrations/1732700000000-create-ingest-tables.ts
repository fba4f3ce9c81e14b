import { MigrationInterface, QueryRunner, Table } from "typeorm";
import { columnTypes } from "./column-types";

/**
 * What feed ingestion needs besides the core tables: which sources know an article (an
 * article is stored once and may be listed by several feeds, each under its own guid) and
 * the HTTP validators of a source's last answer for conditional GETs, and a lease that one
 * fetch of a source holds at a time.
 */
export class CreateIngestTables1732700000000 implements MigrationInterface {
  name = "CreateIngestTables1732700000000";

  async up(qr: QueryRunner): Promise<void> {
    const { timestamp, now } = columnTypes(qr);

    await qr.createTable(
      new Table({
        name: "article_sources",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "source_id", type: "integer", isPrimary: true },
          { name: "guid", type: "varchar", length: "2000", isNullable: true },
          { name: "fingerprint", type: "varchar", length: "64", isNullable: true },
          { name: "first_seen_at", type: timestamp, default: now },
        ],
        indices: [
          { name: "ix_article_sources_guid", columnNames: ["source_id", "guid"] },
          { name: "ix_article_sources_fingerprint", columnNames: ["source_id", "fingerprint"] },
        ],
        foreignKeys: [
          { columnNames: ["article_id"], referencedTableName: "articles", referencedColumnNames: ["id"], onDelete: "CASCADE" },
          { columnNames: ["source_id"], referencedTableName: "sources", referencedColumnNames: ["id"], onDelete: "CASCADE" },
        ],
      }),
    );
    // Every article stored so far is known to the source that owns it.
    await qr.query(
      "INSERT INTO article_sources (article_id, source_id, guid, first_seen_at) SELECT id, source_id, guid, created_at FROM articles WHERE source_id IS NOT NULL",
    );

    await qr.createTable(
      new Table({
        name: "source_fetch_states",
        columns: [
          { name: "source_id", type: "integer", isPrimary: true },
          { name: "etag", type: "varchar", length: "1000", isNullable: true },
          { name: "last_modified", type: "varchar", length: "100", isNullable: true },
          { name: "updated_at", type: timestamp, default: now },
        ],
        foreignKeys: [{ columnNames: ["source_id"], referencedTableName: "sources", referencedColumnNames: ["id"], onDelete: "CASCADE" }],
      }),
    );
    // A fetch holds a lease on its source, so that no two processes fetch one source at once.
    await qr.query(`ALTER TABLE sources ADD COLUMN fetch_lease_until ${timestamp} NULL`);
    await qr.query("ALTER TABLE sources ADD COLUMN fetch_lease_holder varchar(300) NULL");
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable("source_fetch_states");
    await qr.dropTable("article_sources");
  }
}
