import type { DataSource } from "typeorm";
import type { SearchQuery, SearchTerm } from "../search/search-query";

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
  /**
   * Joins the articles (as `a`) that a sub-select names by `column`, where the sub-select
   * refers to the rows joined before it and keeps its own ORDER BY … LIMIT: the first few
   * articles per row. SQLite runs `IN (…)` once per row, from an index; PostgreSQL needs a
   * LATERAL sub-select to do the same.
   */
  joinArticlesAmong(subquery: string, column: string): string;
  /** The parameter value for `idTable()` / `textTable()`. */
  list(values: readonly (number | string)[]): unknown;
  /** A timestamp parameter as the database stores it. */
  date(value: Date): unknown;
  /** A timestamp read from a raw row. */
  readDate(value: unknown): Date | null;
  /** A condition: the article id in `column` matches the full-text search. */
  fullTextMatch(column: string, query: SearchQuery): { sql: string; params: unknown[] };
  /**
   * The matches of a full-text search with their score (higher is better; the title weighs
   * more than tags, teaser and body), as a sub-select of `(id, score)`. With `phraseCounts`
   * (SQLite with the ranking extension loaded; see rank-extension.ts), the number of rows
   * each of `fts5Phrases(query)` matches, in that order, which the scoring then need not
   * count: the scores are the same.
   */
  fullTextScores(query: SearchQuery, phraseCounts?: readonly number[]): { sql: string; params: unknown[] };
  /**
   * What follows a sub-select of rows to be claimed, so that concurrent claimers never wait
   * for each other nor take the same row: ` FOR UPDATE SKIP LOCKED` on PostgreSQL; nothing on
   * SQLite, where a write holds the whole database anyway.
   */
  skipLocked(): string;
}

/** BM25 weights of the index's columns: title, teaser, body, tags. */
const FTS_WEIGHTS = "10.0, 3.0, 1.0, 5.0";

/** One term of a search as an FTS5 phrase; every token is quoted, so nothing in it is syntax. */
const fts5Phrase = (t: SearchTerm) => `"${t.tokens.join(" ").replace(/"/g, '""')}"${t.prefix ? " *" : ""}`;

/** A parsed search as an FTS5 MATCH expression. */
export function toFts5(query: SearchQuery): string {
  const groups = query.required.map((group) => (group.length === 1 ? fts5Phrase(group[0]) : `(${group.map(fts5Phrase).join(" OR ")})`));
  return [groups.join(" AND "), ...query.excluded.map(fts5Phrase)].join(" NOT ");
}

/**
 * The phrases of `toFts5(query)` in the order FTS5 numbers them, as they are written there:
 * the required ones, then the excluded ones (which a matching row never contains).
 */
export function fts5Phrases(query: SearchQuery): { phrase: string; excluded: boolean }[] {
  return [
    ...query.required.flat().map((t) => ({ phrase: fts5Phrase(t), excluded: false })),
    ...query.excluded.map((t) => ({ phrase: fts5Phrase(t), excluded: true })),
  ];
}

/** BM25-like weights of the tsvector's sections for ts_rank, in its order D, C, B, A: body, teaser, tags, title. */
const TS_WEIGHTS = "{0.1, 0.3, 0.5, 1.0}";

/**
 * A parsed search as a tsquery, written as lexemes rather than text to be parsed: every token
 * is already folded as the index is (ng_fold mirrors foldForSearch; ng_fold_lexemes adds in
 * SQL what unaccent does beyond it) and quoted, so nothing in it is syntax. Phrases are `<->` chains, a prefix is `:*`, exclusions are `!`.
 */
export function toTsQuery(query: SearchQuery): string {
  const lexeme = (token: string) => `'${token.replace(/\\/g, "\\\\").replace(/'/g, "''")}'`;
  const term = (t: SearchTerm) => {
    const words = t.tokens.map((token, i) => lexeme(token) + (t.prefix && i === t.tokens.length - 1 ? ":*" : ""));
    return words.length === 1 ? words[0] : `(${words.join(" <-> ")})`;
  };
  const groups = query.required.map((group) => (group.length === 1 ? term(group[0]) : `(${group.map(term).join(" | ")})`));
  return [...groups, ...query.excluded.map((t) => `!${term(t)}`)].join(" & ");
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

const sqlite: Dialect = {
  name: "sqlite",
  placeholders: (sql) => sql,
  idTable: () => "SELECT value AS id FROM json_each(?)",
  textTable: () => "SELECT value FROM json_each(?)",
  joinArticlesAmong: (subquery) => `JOIN articles a ON a.id IN (${subquery})`,
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
  fullTextMatch: (column, query) => ({
    sql: `${column} IN (SELECT rowid FROM article_fts WHERE article_fts MATCH ?)`,
    params: [toFts5(query)],
  }),
  fullTextScores: (query, phraseCounts) =>
    phraseCounts
      ? {
          // The counts go as one blob of native doubles, as native/newsgate-fts.c reads them.
          sql: `SELECT rowid AS id, -newsgate_bm25(article_fts, ?, ${FTS_WEIGHTS}) AS score FROM article_fts WHERE article_fts MATCH ?`,
          params: [Buffer.from(Float64Array.from(phraseCounts).buffer), toFts5(query)],
        }
      : {
          sql: `SELECT rowid AS id, -bm25(article_fts, ${FTS_WEIGHTS}) AS score FROM article_fts WHERE article_fts MATCH ?`,
          params: [toFts5(query)],
        },
  skipLocked: () => "",
};

const postgres: Dialect = {
  name: "postgres",
  placeholders: (sql) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  },
  idTable: () => "SELECT unnest(CAST(? AS bigint[])) AS id",
  textTable: () => "SELECT unnest(CAST(? AS text[])) AS value",
  joinArticlesAmong: (subquery, column) => `CROSS JOIN LATERAL (${subquery}) among JOIN articles a ON a.id = among.${column}`,
  list: (values) => values,
  date: (d) => d,
  readDate: (value) => (value === null || value === undefined ? null : value instanceof Date ? value : new Date(String(value))),
  fullTextMatch: (column, query) => ({
    sql: `${column} IN (SELECT s.article_id FROM article_search s WHERE s.document @@ CAST(ng_fold_lexemes(?) AS tsquery))`,
    params: [toTsQuery(query)],
  }),
  // The score is widened to double precision, so that it survives the round trip through a cursor exactly.
  fullTextScores: (query) => ({
    sql:
      `SELECT s.article_id AS id, CAST(ts_rank('${TS_WEIGHTS}', s.document, q.query, 1) AS double precision) AS score` +
      ` FROM article_search s, (SELECT CAST(ng_fold_lexemes(?) AS tsquery) AS query) q WHERE s.document @@ q.query`,
    params: [toTsQuery(query)],
  }),
  skipLocked: () => " FOR UPDATE SKIP LOCKED",
};

/** The dialect of a DataSource. */
export function dialectOf(db: DataSource): Dialect {
  return db.options.type === "postgres" ? postgres : sqlite;
}
