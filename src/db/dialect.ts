import type { DataSource } from "typeorm";

/**
 * The few SQL spellings that differ between SQLite and PostgreSQL. Store code writes
 * portable SQL with `?` placeholders and asks the dialect for everything else.
 */
export interface Dialect {
  name: "sqlite" | "postgres";
  /** Rewrites `?` placeholders into the driver's own (`$1`, `$2`, … on PostgreSQL). */
  placeholders(sql: string): string;
  /** A sub-select yielding one column `id` from a single list parameter (see `list`). */
  idTable(): string;
  /** A sub-select yielding one column `value` of strings from a single list parameter. */
  textTable(): string;
  /** The parameter value for `idTable()` / `textTable()`. */
  list(values: readonly (number | string)[]): unknown;
  /** A timestamp parameter as the database stores it. */
  date(value: Date): unknown;
  /** A timestamp read from a raw row. */
  readDate(value: unknown): Date | null;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const sqlite: Dialect = {
  name: "sqlite",
  placeholders: (sql) => sql,
  idTable: () => "SELECT value AS id FROM json_each(?)",
  textTable: () => "SELECT value FROM json_each(?)",
  list: (values) => JSON.stringify(values),
  // TypeORM stores dates on SQLite as UTC text "YYYY-MM-DD HH:MM:SS.SSS"; raw SQL must match it.
  date: (d) =>
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`,
  readDate: (value) => {
    if (value === null || value === undefined) return null;
    if (value instanceof Date) return value;
    const text = String(value);
    return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text.replace(" ", "T")}Z`);
  },
};

const postgres: Dialect = {
  name: "postgres",
  placeholders: (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  },
  idTable: () => "SELECT unnest(CAST(? AS bigint[])) AS id",
  textTable: () => "SELECT unnest(CAST(? AS text[])) AS value",
  list: (values) => values,
  date: (d) => d,
  readDate: (value) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value))),
};

/** The dialect of a DataSource. */
export function dialectOf(db: DataSource): Dialect {
  return db.options.type === "postgres" ? postgres : sqlite;
}
