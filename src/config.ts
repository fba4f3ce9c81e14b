/**
 * The only reader of `process.env`. Every setting is validated here, once, at start;
 * the rest of the code receives a typed `Config` and never looks at the environment.
 */
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";

export type DatabaseConfig =
  | {
      kind: "sqlite";
      /** ":memory:" for an in-memory database. */
      path: string;
      /**
       * The SQLite extension that ranks searches with phrase counts kept between queries
       * (SQLITE_RANK_EXTENSION: a file, or `off`); null for SQLite's own bm25(), undefined
       * for the one `npm run build` compiles (see `builtRankExtension`).
       */
      rankExtension?: string | null;
    }
  | {
      kind: "postgres";
      url: string;
      /** Connections each instance keeps to the server at most (DATABASE_POOL_SIZE, default 10). */
      poolSize?: number;
      /** Longest a statement may run before the server cancels it, in ms; 0 for no limit (DATABASE_STATEMENT_TIMEOUT_MS, default 30000). */
      statementTimeoutMs?: number;
    };

export type ExecutorKind = "compiled" | "graphql-js";

export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface Config {
  port: number;
  host: string;
  database: DatabaseConfig;
  production: boolean;
  logLevel: LogLevel;
  /** `"*"` for any origin, else the exact origins allowed. */
  corsOrigins: "*" | string[];
  /** Serve the GraphiQL playground on GET /graphql (PLAYGROUND; default: not in production). */
  playground: boolean;
  /** Answer introspection queries (INTROSPECTION; default: as the playground). */
  introspection: boolean;
  /** Hosts or CIDRs the feed fetcher may reach although private (FETCH_ALLOW_HOSTS). */
  fetchAllowHosts: string[];
  /** How many sources are fetched at once (FETCH_CONCURRENCY, default 4). */
  fetchConcurrency: number;
  /** Limits of parsing one fetched feed document in the worker threads. */
  feedParse: FeedParseConfig;
  /** Run the feed scheduler inside the server (SCHEDULER=off disables it). */
  scheduler: boolean;
  /** Limits on what one GraphQL request may ask for. */
  limits: LimitsConfig;
  /** Budgets of cost points per client and window. */
  rateLimit: RateLimitConfig;
  /**
   * Keep answers to anonymous queries and send them again while the store has not changed
   * (RESPONSE_CACHE=on|off, default on).
   */
  responseCache: boolean;
  /**
   * What runs GraphQL operations: `compiled` runs queries compiled by graphql-jit where that
   * gives graphql-js's answer; `graphql-js` is Apollo's plain execution (EXECUTOR, default compiled).
   */
  executor: ExecutorKind;
  /**
   * Values read by id (articles, their parts and related news, tags, sources, counts) kept
   * between queries until the store changes (READ_CACHE_ENTRIES, default 50000; 0 turns it off).
   */
  readCacheEntries: number;
  /**
   * Query texts kept ready for the server's front door to run itself once Apollo has answered
   * them cleanly (PREPARED_QUERIES, default 500; 0 leaves every miss to Apollo).
   */
  preparedQueries: number;
}

/**
 * Fetched feeds are decoded, parsed, normalized and sanitized in worker threads (one per
 * concurrent fetch), each document within a time and memory budget.
 */
export interface FeedParseConfig {
  /** Longest one document may take; its worker is replaced after (FEED_PARSE_TIMEOUT_MS, default 10000). */
  timeoutMs: number;
  /**
   * Heap one parsing worker may use (FEED_PARSE_MEMORY_MB, default 512): reading takes about
   * 20 bytes of heap per byte of document, and larger documents are refused before parsing.
   */
  memoryMb: number;
}

/** Rate limits: each client spends cost points from a budget that refills once per window. */
export interface RateLimitConfig {
  /** Points per window for a client without an API key, counted per address (RATE_LIMIT_POINTS, default 5000). */
  points: number;
  /** Points per window for a client presenting an API key, counted per key (RATE_LIMIT_KEY_POINTS, default 50000). */
  keyPoints: number;
  /** Length of a window in seconds; it starts with a client's first request (RATE_LIMIT_WINDOW_SECONDS, default 3600). */
  windowSeconds: number;
  /** Proxies in front of Newsgate whose X-Forwarded-For is believed (TRUST_PROXY: false = 0, true = 1, or a count). */
  trustProxy: number;
  /** Also report the budget in each response body's extensions.rateLimit (RATE_LIMIT_EXTENSIONS, default on). */
  extensions: boolean;
}

/** Limits on one GraphQL request; each refusal names its limit and allowed value. */
export interface LimitsConfig {
  /** Deepest nesting of fields in an operation (MAX_QUERY_DEPTH, default 10). */
  depth: number;
  /** Aliases in an operation, fragments counted where spread (MAX_ALIASES, default 15). */
  aliases: number;
  /** Directives in an operation, fragments counted where spread (MAX_DIRECTIVES, default 50). */
  directives: number;
  /** Lexical tokens in the query text (MAX_TOKENS, default 2000). */
  tokens: number;
  /** Characters of query text (MAX_QUERY_LENGTH, default 15000). */
  queryLength: number;
  /** Estimated cost of an operation, list fields weighted by their page size (MAX_QUERY_COST, default 5000). */
  cost: number;
  /** Bytes of an HTTP request body (MAX_BODY_BYTES, default 102400). */
  bodyBytes: number;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/**
 * Where `npm run build` puts the search-ranking extension (scripts/build-native.mjs): under
 * dist/native/ of the package, whether this code runs from dist/ or from its sources.
 */
export function builtRankExtension(): string {
  const root = basename(dirname(__dirname)) === "dist" ? join(__dirname, "..", "..") : join(__dirname, "..");
  const suffix = process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so";
  return join(root, "dist", "native", `newsgate-fts.${suffix}`);
}

const EXECUTORS: ExecutorKind[] = ["compiled", "graphql-js"];

const LOG_LEVELS: LogLevel[] = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/** Parses a DATABASE_URL: `sqlite:<path>`, `sqlite::memory:` or `postgres://…`. */
export function parseDatabaseUrl(value: string): DatabaseConfig {
  if (value.startsWith("sqlite:")) {
    const path = value.slice("sqlite:".length).replace(/^\/\//, "");
    if (path === "") throw new Error("sqlite: needs a file path, e.g. sqlite:data/newsgate.sqlite");
    return { kind: "sqlite", path };
  }
  if (/^postgres(ql)?:\/\//.test(value)) return { kind: "postgres", url: value };
  throw new Error("use sqlite:<file>, sqlite::memory: or postgres://user:pass@host:5432/db");
}

/** Reads and validates the configuration; throws a ConfigError naming every bad setting. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];

  const portText = env.PORT ?? "4000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port > 65535) {
    problems.push(`PORT=${portText} is not a port number: use a whole number from 0 to 65535, e.g. PORT=4000`);
  }

  const whole = (name: string, fallback: number, min: number, max: number): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < min || value > max) {
      problems.push(`${name}=${env[name]} is out of range: use a whole number from ${min} to ${max}, e.g. ${name}=${fallback}`);
      return fallback;
    }
    return value;
  };

  let database: DatabaseConfig = { kind: "sqlite", path: "data/newsgate.sqlite" };
  const databaseUrl = env.DATABASE_URL ?? "sqlite:data/newsgate.sqlite";
  try {
    database = parseDatabaseUrl(databaseUrl);
  } catch (error) {
    problems.push(`DATABASE_URL=${databaseUrl} is not understood: ${(error as Error).message}`);
  }
  const rankExtension = env.SQLITE_RANK_EXTENSION?.trim();
  if (database.kind === "sqlite" && rankExtension) {
    database.rankExtension = rankExtension === "off" ? null : rankExtension;
    if (database.rankExtension && !existsSync(database.rankExtension)) {
      problems.push(`SQLITE_RANK_EXTENSION=${rankExtension} is not a file: give the path of the library \`npm run build\` compiles (${builtRankExtension()}), or off`);
    }
  }
  if (database.kind === "postgres") {
    database.poolSize = whole("DATABASE_POOL_SIZE", 10, 1, 1000);
    database.statementTimeoutMs = whole("DATABASE_STATEMENT_TIMEOUT_MS", 30_000, 0, 86_400_000);
  }

  const nodeEnv = env.NODE_ENV ?? "development";
  const production = nodeEnv === "production";

  const logLevel = (env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info")) as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) {
    problems.push(`LOG_LEVEL=${logLevel} is not a level: use one of ${LOG_LEVELS.join(", ")}`);
  }

  const corsText = (env.CORS_ORIGINS ?? "*").trim();
  let corsOrigins: "*" | string[] = "*";
  if (corsText !== "*" && corsText !== "") {
    corsOrigins = corsText.split(",").map((o) => o.trim()).filter(Boolean);
    for (const origin of corsOrigins) {
      if (!/^https?:\/\/[^/\s]+$/.test(origin)) {
        problems.push(
          `CORS_ORIGINS has "${origin}": give origins as scheme://host[:port] without a path, e.g. https://dashboard.example.org`,
        );
      }
    }
  }

  const flag = (name: string, fallback: boolean): boolean => {
    const value = env[name]?.trim().toLowerCase();
    if (value === undefined || value === "") return fallback;
    if (["true", "1", "on", "yes"].includes(value)) return true;
    if (["false", "0", "off", "no"].includes(value)) return false;
    problems.push(`${name}=${env[name]} is not a switch: use true or false`);
    return fallback;
  };
  const playground = flag("PLAYGROUND", !production);
  const introspection = flag("INTROSPECTION", playground);
  const scheduler = flag("SCHEDULER", true);

  const fetchAllowHosts = (env.FETCH_ALLOW_HOSTS ?? "").split(",").map((h) => h.trim()).filter(Boolean);

  const concurrencyText = env.FETCH_CONCURRENCY ?? "4";
  const fetchConcurrency = Number(concurrencyText);
  if (!/^\d+$/.test(concurrencyText) || fetchConcurrency < 1 || fetchConcurrency > 64) {
    problems.push(`FETCH_CONCURRENCY=${concurrencyText} is out of range: use a whole number from 1 to 64`);
  }

  const feedParse: FeedParseConfig = {
    timeoutMs: whole("FEED_PARSE_TIMEOUT_MS", 10_000, 10, 600_000),
    memoryMb: whole("FEED_PARSE_MEMORY_MB", 512, 16, 16_384),
  };

  const limit = (name: string, fallback: number): number => {
    const text = env[name]?.trim();
    if (text === undefined || text === "") return fallback;
    const value = Number(text);
    if (!/^\d+$/.test(text) || value < 1 || !Number.isSafeInteger(value)) {
      problems.push(`${name}=${env[name]} is not a limit: use a whole number of at least 1, e.g. ${name}=${fallback}`);
      return fallback;
    }
    return value;
  };
  const limits: LimitsConfig = {
    depth: limit("MAX_QUERY_DEPTH", 10),
    aliases: limit("MAX_ALIASES", 15),
    directives: limit("MAX_DIRECTIVES", 50),
    tokens: limit("MAX_TOKENS", 2000),
    queryLength: limit("MAX_QUERY_LENGTH", 15000),
    cost: limit("MAX_QUERY_COST", 5000),
    bodyBytes: limit("MAX_BODY_BYTES", 100 * 1024),
  };

  const rateLimit: RateLimitConfig = {
    points: limit("RATE_LIMIT_POINTS", 5000),
    keyPoints: limit("RATE_LIMIT_KEY_POINTS", 50_000),
    windowSeconds: limit("RATE_LIMIT_WINDOW_SECONDS", 3600),
    trustProxy: proxyCount(env.TRUST_PROXY, problems),
    extensions: flag("RATE_LIMIT_EXTENSIONS", true),
  };

  const responseCache = flag("RESPONSE_CACHE", true);
  const executorText = env.EXECUTOR?.trim().toLowerCase() || "compiled";
  const executor = executorText as ExecutorKind;
  if (!EXECUTORS.includes(executor)) {
    problems.push(`EXECUTOR=${env.EXECUTOR} is not an executor: use one of ${EXECUTORS.join(", ")}`);
  }
  const readCacheEntries = whole("READ_CACHE_ENTRIES", 50_000, 0, 10_000_000);
  const preparedQueries = whole("PREPARED_QUERIES", 500, 0, 100_000);

  if (problems.length > 0) throw new ConfigError(problems);
  return {
    port,
    host: env.HOST ?? "0.0.0.0",
    database,
    production,
    logLevel,
    corsOrigins,
    playground,
    introspection,
    fetchAllowHosts,
    fetchConcurrency,
    feedParse,
    scheduler,
    limits,
    rateLimit,
    responseCache,
    executor,
    readCacheEntries,
    preparedQueries,
  };
}

/** TRUST_PROXY: a switch (on = one proxy) or how many proxies stand in front of Newsgate. */
function proxyCount(value: string | undefined, problems: string[]): number {
  const text = value?.trim().toLowerCase();
  if (text === undefined || text === "" || ["false", "0", "off", "no"].includes(text)) return 0;
  if (["true", "on", "yes"].includes(text)) return 1;
  if (/^\d+$/.test(text) && Number(text) <= 10) return Number(text);
  problems.push(`TRUST_PROXY=${value} is not understood: use false, true (one proxy) or the number of proxies in front of Newsgate, from 0 to 10`);
  return 0;
}
