import { randomBytes } from "node:crypto";
import { parseDatabaseUrl } from "../../src/config";
import { openDatabase } from "../../src/db";
import { migrations } from "../../src/db/migrations";
import { select } from "../../src/store/sql";
import { createTestDatabase, databaseUrl, itOnPostgres, withAdmin } from "../helpers/database";
import { addArticles } from "../helpers/articles";
import { runNode } from "../helpers/process";
import { startTestServer } from "../helpers/server";

describe("setting up PostgreSQL", () => {
  itOnPostgres("says what to do when the unaccent extension may not be created", async () => {
    const fresh = await createTestDatabase({ empty: true });
    const role = `newsgate_limited_${randomBytes(3).toString("hex")}`;
    const name = new URL(fresh.url).pathname.slice(1);
    try {
      // A role that may create tables but not extensions (no CREATE on the database).
      await withAdmin((admin) => admin.query(`CREATE ROLE ${role} LOGIN`));
      const { Client } = await import("pg");
      const owner = new Client({ connectionString: fresh.url });
      await owner.connect();
      await owner.query(`GRANT CREATE ON SCHEMA public TO ${role}`);
      await owner.end();
      const url = new URL(databaseUrl(name));
      url.username = role;
      await expect(openDatabase(parseDatabaseUrl(url.toString()))).rejects.toThrow(
        `Newsgate's full-text search needs the PostgreSQL extension unaccent, which is missing: the database user may not create it: ` +
          `have a superuser run "CREATE EXTENSION unaccent;" in the database ${name}, then start again.`,
      );
    } finally {
      await fresh.drop();
      await withAdmin((admin) => admin.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });

  itOnPostgres("migrates from the CLI, safely when several run at once", async () => {
    const fresh = await createTestDatabase({ empty: true });
    try {
      const runs = await Promise.all([1, 2, 3].map(() => runNode("cli.js", ["migrate"], { DATABASE_URL: fresh.url, LOG_LEVEL: "silent" })));
      expect(runs).toEqual([1, 2, 3].map(() => ({ code: 0, stdout: "database schema is up to date\n", stderr: "" })));
      const db = await openDatabase(fresh.config);
      try {
        expect((await select<{ n: number }>(db, "SELECT COUNT(*) AS n FROM migrations")).map((row) => Number(row.n))).toEqual([migrations.length]);
      } finally {
        await db.destroy();
      }
    } finally {
      await fresh.drop();
    }
  });

  itOnPostgres("keeps the pool size and statement timeout it is given", async () => {
    const fresh = await createTestDatabase();
    const db = await openDatabase({ ...fresh.config, poolSize: 3, statementTimeoutMs: 200 } as typeof fresh.config);
    try {
      expect((db.driver as unknown as { master: { options: { max: number } } }).master.options.max).toBe(3);
      expect(await db.query("SHOW statement_timeout")).toEqual([{ statement_timeout: "200ms" }]);
      await expect(db.query("SELECT pg_sleep(1)")).rejects.toThrow("canceling statement due to statement timeout");
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });

  itOnPostgres("finds letters unaccent spells out (æ, ø, ł) however they are typed", async () => {
    const server = await startTestServer({ SCHEDULER: "off" });
    try {
      await addArticles(server.db, [
        { guid: "lodz", title: "Cæsar besucht Łódź", teaser: "Øresund und Œuvre", publishedAt: new Date("2030-01-01T00:00:00Z") },
      ]);
      const [row] = await server.db.query("SELECT ng_fold_lexemes($1) AS folded", ["'cæsar' & 'grossstadte':* & !'łodz' & ('ørst' <-> 'x')"]);
      expect(row).toEqual({ folded: "'casar' & 'grossstadte':* & !'lodz' & ('orst' <-> 'x')" });
      for (const query of ["cæsar", "Caesar", "łódź", "lodz", "ØRESUND", "oresund", "œuvre", "ouvre*"]) {
        expect({ query, result: await server.gql(`{ search(query: "${query}") { nodes { title } } }`) }).toEqual({
          query,
          result: { data: { search: { nodes: [{ title: "Cæsar besucht Łódź" }] } } },
        });
      }
    } finally {
      await server.stop();
    }
  });

  itOnPostgres("folds, tokenizes and indexes like the SQLite index", async () => {
    const fresh = await createTestDatabase();
    const db = await openDatabase(fresh.config);
    try {
      const [row] = await db.query(
        "SELECT ng_fold($1) AS folded, ng_html_text($2) AS text, to_tsvector('simple', ng_fold($1))::text AS vector",
        ["Großstädte GROSSSTÄDTE Grossstaedte München e-mail Ärger", "<p>Fuß&amp;ball</p><script>x()</script><b>da</b>bei &#228; &#x263a;"],
      );
      expect(row).toEqual({
        folded: "grossstadte grossstadte grossstadte munchen e mail arger",
        text: "Fuß&ball dabei ä ☺",
        vector: "'arger':7 'e':5 'grossstadte':1,2,3 'mail':6 'munchen':4",
      });
    } finally {
      await db.destroy();
      await fresh.drop();
    }
  });
});
