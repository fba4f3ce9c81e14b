import { builtRankExtension, ConfigError, loadConfig } from "../../src/config";

describe("loadConfig", () => {
  it("has defaults that serve the seeded SQLite database on port 4000", () => {
    expect(loadConfig({})).toEqual({
      port: 4000,
      host: "0.0.0.0",
      database: { kind: "sqlite", path: "data/newsgate.sqlite" },
      production: false,
      logLevel: "info",
      corsOrigins: "*",
      playground: true,
      introspection: true,
      fetchAllowHosts: [],
      fetchConcurrency: 4,
      feedParse: { timeoutMs: 10_000, memoryMb: 512 },
      scheduler: true,
      limits: { depth: 10, aliases: 15, directives: 50, tokens: 2000, queryLength: 15000, cost: 5000, bodyBytes: 102400 },
      rateLimit: { points: 5000, keyPoints: 50000, windowSeconds: 3600, trustProxy: 0, extensions: true },
      responseCache: true,
      executor: "compiled",
      readCacheEntries: 50000,
      preparedQueries: 500,
    });
  });

  it("reads every setting", () => {
    expect(
      loadConfig({
        PORT: "8080",
        DATABASE_URL: "sqlite::memory:",
        NODE_ENV: "production",
        LOG_LEVEL: "warn",
        CORS_ORIGINS: "https://a.example.org, http://localhost:3000",
        FETCH_ALLOW_HOSTS: "127.0.0.1,10.0.0.0/8",
        FETCH_CONCURRENCY: "2",
        SCHEDULER: "off",
        MAX_QUERY_DEPTH: "8",
        MAX_ALIASES: "5",
        MAX_DIRECTIVES: "20",
        MAX_TOKENS: "1000",
        MAX_QUERY_LENGTH: "8000",
        MAX_QUERY_COST: "3000",
        MAX_BODY_BYTES: "65536",
        RATE_LIMIT_POINTS: "100",
        RATE_LIMIT_KEY_POINTS: "1000",
        RATE_LIMIT_WINDOW_SECONDS: "60",
        TRUST_PROXY: "2",
        RATE_LIMIT_EXTENSIONS: "off",
        RESPONSE_CACHE: "off",
        EXECUTOR: "graphql-js",
        READ_CACHE_ENTRIES: "0",
        PREPARED_QUERIES: "0",
      }),
    ).toEqual({
      port: 8080,
      host: "0.0.0.0",
      database: { kind: "sqlite", path: ":memory:" },
      production: true,
      logLevel: "warn",
      corsOrigins: ["https://a.example.org", "http://localhost:3000"],
      playground: false,
      introspection: false,
      fetchAllowHosts: ["127.0.0.1", "10.0.0.0/8"],
      fetchConcurrency: 2,
      feedParse: { timeoutMs: 10_000, memoryMb: 512 },
      scheduler: false,
      limits: { depth: 8, aliases: 5, directives: 20, tokens: 1000, queryLength: 8000, cost: 3000, bodyBytes: 65536 },
      rateLimit: { points: 100, keyPoints: 1000, windowSeconds: 60, trustProxy: 2, extensions: false },
      responseCache: false,
      executor: "graphql-js",
      readCacheEntries: 0,
      preparedQueries: 0,
    });
    expect(loadConfig({ DATABASE_URL: "postgres://news:secret@db:5432/newsgate" }).database).toEqual({
      kind: "postgres",
      url: "postgres://news:secret@db:5432/newsgate",
      poolSize: 10,
      statementTimeoutMs: 30000,
    });
    expect(
      loadConfig({ DATABASE_URL: "postgresql://db/newsgate", DATABASE_POOL_SIZE: "25", DATABASE_STATEMENT_TIMEOUT_MS: "0" }).database,
    ).toEqual({ kind: "postgres", url: "postgresql://db/newsgate", poolSize: 25, statementTimeoutMs: 0 });
    expect(() => loadConfig({ DATABASE_URL: "postgres://db/newsgate", DATABASE_POOL_SIZE: "0" })).toThrow(
      "DATABASE_POOL_SIZE=0 is out of range: use a whole number from 1 to 1000, e.g. DATABASE_POOL_SIZE=10",
    );
    expect(loadConfig({ NODE_ENV: "production", PLAYGROUND: "true" })).toEqual(expect.objectContaining({ playground: true, introspection: true }));
    expect(loadConfig({ PLAYGROUND: "true", INTROSPECTION: "false" })).toEqual(expect.objectContaining({ playground: true, introspection: false }));
  });

  it("refuses limits that are not whole numbers of at least 1", () => {
    expect(() => loadConfig({ MAX_QUERY_DEPTH: "0", MAX_QUERY_COST: "lots", MAX_BODY_BYTES: "1.5" })).toThrow(
      [
        "Invalid configuration:",
        "  - MAX_QUERY_DEPTH=0 is not a limit: use a whole number of at least 1, e.g. MAX_QUERY_DEPTH=10",
        "  - MAX_QUERY_COST=lots is not a limit: use a whole number of at least 1, e.g. MAX_QUERY_COST=5000",
        "  - MAX_BODY_BYTES=1.5 is not a limit: use a whole number of at least 1, e.g. MAX_BODY_BYTES=102400",
      ].join("\n"),
    );
  });

  it("reads the read path's switches, and refuses values that are not", () => {
    expect(loadConfig({ RESPONSE_CACHE: "on", EXECUTOR: "compiled" })).toEqual(expect.objectContaining({ responseCache: true, executor: "compiled" }));
    expect(() => loadConfig({ RESPONSE_CACHE: "maybe", EXECUTOR: "jit", READ_CACHE_ENTRIES: "-1", PREPARED_QUERIES: "many" })).toThrow(
      [
        "Invalid configuration:",
        "  - RESPONSE_CACHE=maybe is not a switch: use true or false",
        "  - EXECUTOR=jit is not an executor: use one of compiled, graphql-js",
        "  - READ_CACHE_ENTRIES=-1 is out of range: use a whole number from 0 to 10000000, e.g. READ_CACHE_ENTRIES=50000",
        "  - PREPARED_QUERIES=many is out of range: use a whole number from 0 to 100000, e.g. PREPARED_QUERIES=500",
      ].join("\n"),
    );
  });

  it("reads TRUST_PROXY as a switch or a count, and refuses bad rate limits", () => {
    expect(loadConfig({ TRUST_PROXY: "true" }).rateLimit.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: "off" }).rateLimit.trustProxy).toBe(0);
    expect(() => loadConfig({ RATE_LIMIT_POINTS: "0", RATE_LIMIT_WINDOW_SECONDS: "1h", TRUST_PROXY: "maybe" })).toThrow(
      [
        "Invalid configuration:",
        "  - RATE_LIMIT_POINTS=0 is not a limit: use a whole number of at least 1, e.g. RATE_LIMIT_POINTS=5000",
        "  - RATE_LIMIT_WINDOW_SECONDS=1h is not a limit: use a whole number of at least 1, e.g. RATE_LIMIT_WINDOW_SECONDS=3600",
        "  - TRUST_PROXY=maybe is not understood: use false, true (one proxy) or the number of proxies in front of Newsgate, from 0 to 10",
      ].join("\n"),
    );
  });

  it("reads SQLITE_RANK_EXTENSION as a file or off, and refuses a file that is not there", () => {
    expect(loadConfig({}).database).toEqual({ kind: "sqlite", path: "data/newsgate.sqlite" });
    expect(loadConfig({ SQLITE_RANK_EXTENSION: "off" }).database).toEqual({ kind: "sqlite", path: "data/newsgate.sqlite", rankExtension: null });
    expect(loadConfig({ SQLITE_RANK_EXTENSION: __filename }).database).toEqual({ kind: "sqlite", path: "data/newsgate.sqlite", rankExtension: __filename });
    expect(() => loadConfig({ SQLITE_RANK_EXTENSION: "/nowhere/rank.so" })).toThrow(
      [
        "Invalid configuration:",
        `  - SQLITE_RANK_EXTENSION=/nowhere/rank.so is not a file: give the path of the library \`npm run build\` compiles (${builtRankExtension()}), or off`,
      ].join("\n"),
    );
  });

  it("names every bad setting and what to change", () => {
    const attempt = () =>
      loadConfig({ PORT: "abc", DATABASE_URL: "mysql://x", LOG_LEVEL: "loud", CORS_ORIGINS: "example.org/path", PLAYGROUND: "maybe" });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      [
        "Invalid configuration:",
        "  - PORT=abc is not a port number: use a whole number from 0 to 65535, e.g. PORT=4000",
        "  - DATABASE_URL=mysql://x is not understood: use sqlite:<file>, sqlite::memory: or postgres://user:pass@host:5432/db",
        "  - LOG_LEVEL=loud is not a level: use one of fatal, error, warn, info, debug, trace, silent",
        '  - CORS_ORIGINS has "example.org/path": give origins as scheme://host[:port] without a path, e.g. https://dashboard.example.org',
        "  - PLAYGROUND=maybe is not a switch: use true or false",
      ].join("\n"),
    );
  });
});
