#!/usr/bin/env node
/**
 * Compiles the SQLite extension in native/ (search ranking; see native/newsgate-fts.c) into
 * dist/native/, against the SQLite that better-sqlite3 bundles: its headers, and FTS5's,
 * which the amalgamation carries inside sqlite3.c. Skipped when the library is newer than its
 * inputs; pass --force to build anyway.
 *
 * Without a C compiler (`cc`, or $CC) the build warns and goes on: the server then ranks
 * searches with SQLite's own bm25(), which gives the same scores but counts each phrase's
 * matches on every search.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const source = join(root, "native", "newsgate-fts.c");
const sqliteDir = join(dirname(createRequire(import.meta.url).resolve("better-sqlite3/package.json")), "deps", "sqlite3");
const amalgamation = join(sqliteDir, "sqlite3.c");
const outDir = join(root, "dist", "native");
const suffix = process.platform === "darwin" ? "dylib" : process.platform === "win32" ? "dll" : "so";
const library = join(outDir, `newsgate-fts.${suffix}`);

const newest = Math.max(...[source, amalgamation, fileURLToPath(import.meta.url)].map((file) => statSync(file).mtimeMs));
if (!process.argv.includes("--force") && existsSync(library) && statSync(library).mtimeMs >= newest) process.exit(0);

mkdirSync(outDir, { recursive: true });
// fts5.h is not shipped on its own: it is the block of the amalgamation between these markers.
const text = readFileSync(amalgamation, "utf8");
const begin = text.indexOf("/******** Begin file fts5.h *********/");
const end = text.indexOf("/******** End of fts5.h *********/");
if (begin < 0 || end < begin) fail(`FTS5's header was not found in ${amalgamation}`);
const headerDir = join(outDir, "include");
mkdirSync(headerDir, { recursive: true });
writeFileSync(join(headerDir, "fts5.h"), text.slice(begin, end));

const compiler = process.env.CC || "cc";
const shared = process.platform === "darwin" ? ["-dynamiclib", "-undefined", "dynamic_lookup"] : ["-shared"];
const args = ["-O2", "-fPIC", ...shared, `-I${sqliteDir}`, `-I${headerDir}`, source, "-o", library, "-lm"];
const run = spawnSync(compiler, args, { stdio: ["ignore", "inherit", "inherit"] });
rmSync(headerDir, { recursive: true, force: true });
if (run.error || run.status !== 0) {
  rmSync(library, { force: true });
  fail(run.error ? `${compiler} could not be run (${run.error.message})` : `${compiler} exited with ${run.status}`);
}
console.log(`built ${library}`);

function fail(reason) {
  console.warn(
    `warning: the search-ranking extension was not built: ${reason}.\n` +
      "  Searches still work and rank the same, counting each phrase's matches on every search (slower on large stores).\n" +
      "  Install a C compiler (Debian: apt-get install gcc) and run `npm run build` again.",
  );
  process.exit(0);
}
