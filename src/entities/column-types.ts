import type { ColumnOptions, DataSource } from "typeorm";
import { EntityMetadataBuilder } from "typeorm/metadata-builder/EntityMetadataBuilder";

/**
 * Column options whose spelling differs between SQLite and PostgreSQL, as the migrations
 * write them (src/db/migrations/column-types.ts): timestamps are `datetime` on SQLite and
 * `timestamptz` on PostgreSQL, doubles `real` and `double precision`, and slugs compare by
 * code point on PostgreSQL through the "C" collation.
 *
 * TypeORM reads a column's options once per DataSource, when it builds that DataSource's
 * entity metadata (synchronously, in EntityMetadataBuilder.build); nothing it offers lets a
 * decorator ask which database that is. So the build is wrapped to note the dialect being
 * built, and the options below are getters that answer for it. Each DataSource gets its own
 * metadata, so SQLite and PostgreSQL data sources can live in one process. Should TypeORM
 * stop building through EntityMetadataBuilder.build, PostgreSQL's metadata would get SQLite's
 * spellings and test/integration/schema-drift.test.ts fails on PostgreSQL.
 */
type Dialect = "postgres" | "sqlite";

let building: Dialect = "sqlite";

const WRAPPED = Symbol.for("newsgate.entities.dialectAwareBuild");
const prototype = EntityMetadataBuilder.prototype as EntityMetadataBuilder & { [WRAPPED]?: true };
if (!prototype[WRAPPED]) {
  const build = prototype.build;
  prototype.build = function (this: EntityMetadataBuilder, entityClasses?: Parameters<EntityMetadataBuilder["build"]>[0]) {
    const previous = building;
    const { dataSource } = this as unknown as { dataSource: DataSource };
    building = dataSource.driver.options.type === "postgres" ? "postgres" : "sqlite";
    try {
      return build.call(this, entityClasses);
    } finally {
      building = previous;
    }
  };
  prototype[WRAPPED] = true;
}

/** `options`, with the options in `differing` taken from the dialect whose metadata is being built. */
function byDialect(options: ColumnOptions, differing: Record<Dialect, ColumnOptions>): ColumnOptions {
  const result: ColumnOptions = { ...options };
  const keys = new Set([...Object.keys(differing.postgres), ...Object.keys(differing.sqlite)]) as Set<keyof ColumnOptions>;
  for (const key of keys) {
    Object.defineProperty(result, key, { enumerable: true, get: () => differing[building][key] });
  }
  return result;
}

/** A point in time: `timestamptz` on PostgreSQL, `datetime` on SQLite. */
export function timestamp(options: ColumnOptions = {}): ColumnOptions {
  return byDialect(options, { postgres: { type: "timestamptz" }, sqlite: { type: "datetime" } });
}

/** The default of a timestamp column set when its row is written: now() on PostgreSQL, CURRENT_TIMESTAMP on SQLite. */
export const NOW = (): string => "CURRENT_TIMESTAMP";

/** An eight-byte float: `double precision` on PostgreSQL; SQLite's `real` is one. */
export function double(options: ColumnOptions = {}): ColumnOptions {
  return byDialect(options, { postgres: { type: "double precision" }, sqlite: { type: "real" } });
}

/** A slug: compared and sorted by code point, whatever the PostgreSQL database's locale (SQLite's default). */
export function slug(options: ColumnOptions = {}): ColumnOptions {
  return byDialect(options, { postgres: { collation: "C" }, sqlite: {} });
}
