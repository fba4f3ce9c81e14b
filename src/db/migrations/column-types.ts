import type { QueryRunner } from "typeorm";

/** The column types and defaults that differ between SQLite and PostgreSQL, for migrations. */
export function columnTypes(qr: QueryRunner): { postgres: boolean; timestamp: string; now: string } {
  const postgres = qr.connection.driver.options.type === "postgres";
  return { postgres, timestamp: postgres ? "timestamptz" : "datetime", now: postgres ? "now()" : "CURRENT_TIMESTAMP" };
}
