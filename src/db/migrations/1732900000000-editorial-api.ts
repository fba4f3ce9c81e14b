import { MigrationInterface, QueryRunner, Table } from "typeorm";
import { columnTypes } from "./column-types";

/**
 * The editorial API:
 * - `api_keys`: who may write. Only a SHA-256 hash of each key is kept; `hash_prefix` (the
 *   first 16 hex digits of the hash) is the indexed lookup, the full hash is then compared in
 *   constant time. Revoked keys stay listed with `revoked_at`.
 * - `editorial_overrides`: which fields of an ingested article an editor changed, and the
 *   content hash of the source version the change was based on, so that the next fetch keeps
 *   the change unless the item at the source changed.
 * - `withdrawn_items`: the items (per source: guid, fingerprint; and the URL) of articles an
 *   editor deleted, so that the next fetch does not bring them back.
 */
export class EditorialApi1732900000000 implements MigrationInterface {
  name = "EditorialApi1732900000000";

  async up(qr: QueryRunner): Promise<void> {
    const { timestamp, now } = columnTypes(qr);

    await qr.createTable(
      new Table({
        name: "api_keys",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "name", type: "varchar", length: "200", isNullable: true },
          { name: "role", type: "varchar", length: "20" },
          { name: "hash_prefix", type: "varchar", length: "16" },
          { name: "key_hash", type: "varchar", length: "64", isUnique: true },
          { name: "created_at", type: timestamp, default: now },
          { name: "last_used_at", type: timestamp, isNullable: true },
          { name: "revoked_at", type: timestamp, isNullable: true },
        ],
        indices: [{ name: "ix_api_keys_hash_prefix", columnNames: ["hash_prefix"] }],
      }),
    );

    await qr.createTable(
      new Table({
        name: "editorial_overrides",
        columns: [
          { name: "article_id", type: "integer", isPrimary: true },
          { name: "fields", type: "text" },
          { name: "source_hash", type: "varchar", length: "64" },
          { name: "updated_at", type: timestamp, default: now },
        ],
        foreignKeys: [{ columnNames: ["article_id"], referencedTableName: "articles", referencedColumnNames: ["id"], onDelete: "CASCADE" }],
      }),
    );

    await qr.createTable(
      new Table({
        name: "withdrawn_items",
        columns: [
          { name: "id", type: "integer", isPrimary: true, isGenerated: true, generationStrategy: "increment" },
          { name: "source_id", type: "integer", isNullable: true },
          { name: "guid", type: "varchar", length: "2000", isNullable: true },
          { name: "fingerprint", type: "varchar", length: "64", isNullable: true },
          { name: "url", type: "varchar", length: "2000", isNullable: true },
          { name: "withdrawn_at", type: timestamp, default: now },
        ],
        indices: [
          { name: "ix_withdrawn_items_guid", columnNames: ["source_id", "guid"] },
          { name: "ix_withdrawn_items_fingerprint", columnNames: ["source_id", "fingerprint"] },
          { name: "ix_withdrawn_items_url", columnNames: ["url"] },
        ],
        foreignKeys: [{ columnNames: ["source_id"], referencedTableName: "sources", referencedColumnNames: ["id"], onDelete: "CASCADE" }],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable("withdrawn_items");
    await qr.dropTable("editorial_overrides");
    await qr.dropTable("api_keys");
  }
}
