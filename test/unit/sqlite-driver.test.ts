import { NODE_API_SQLITE_FROM_MAJOR, sqliteDriver } from "../../src/db/sqlite-driver";

describe("the SQLite driver", () => {
  it("is better-sqlite3 13 (Node-API) from Node.js 24 on, and 12 before", () => {
    const twelve = require("better-sqlite3");
    const thirteen = require("better-sqlite3-napi");
    expect(NODE_API_SQLITE_FROM_MAJOR).toBe(24);
    expect([sqliteDriver("20.20.2"), sqliteDriver("22.12.0"), sqliteDriver("24.0.0"), sqliteDriver("26.1.0")]).toEqual([twelve, twelve, thirteen, thirteen]);
    expect(require("better-sqlite3-napi/package.json").version).toMatch(/^13\./);
    expect(require("better-sqlite3/package.json").version).toMatch(/^12\./);
  });

  it("opens a database on the Node.js that runs the tests, with the functions the store registers", () => {
    const Database = sqliteDriver();
    const db = new Database(":memory:");
    try {
      db.function("twice", { deterministic: true }, (value: unknown) => Number(value) * 2);
      db.exec("CREATE VIRTUAL TABLE t USING fts5(body)");
      db.prepare("INSERT INTO t (body) VALUES (?)").run("Dortmund Nordstern");
      expect(db.prepare("SELECT twice(21) AS v, (SELECT count(*) FROM t WHERE t MATCH 'nordstern') AS hits").get()).toEqual({ v: 42, hits: 1 });
    } finally {
      db.close();
    }
  });
});
