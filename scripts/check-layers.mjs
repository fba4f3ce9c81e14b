// Checks that imports between the folders of src/ only point down the layers:
// http → graphql → store → db → entities, with auth, search, text and ingest where their
// imports allow. Prints every import that runs up and exits 1 when there is one.
// Usage: node scripts/check-layers.mjs
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "..", "src");

/** Folders each folder must never import. */
const FORBIDDEN = {
  entities: ["http", "graphql", "store", "db", "ingest", "auth", "search"],
  db: ["http", "graphql", "store", "ingest", "auth"],
  store: ["http", "graphql", "ingest"],
  search: ["http", "graphql", "store", "ingest", "auth"],
  text: ["http", "graphql", "store", "db", "ingest", "auth", "search"],
  auth: ["http", "graphql"],
  ingest: ["http", "graphql"],
  graphql: ["http"],
};

/** The files of auth that store may use: they import nothing of src. */
const AUTH_LEAVES = new Set(["auth/roles.ts", "auth/key-hash.ts"]);

function* sourceFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* sourceFiles(path);
    else if (/\.(ts|tsx|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts")) yield path;
  }
}

const folderOf = (file) => relative(root, file).split(sep)[0];
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^;]*?\bfrom\s+"(\.[^"]+)"|(?:^|\n)\s*import\s+"(\.[^"]+)"/g;

const problems = [];
for (const file of sourceFiles(root)) {
  const from = folderOf(file);
  const text = readFileSync(file, "utf8");
  for (const match of text.matchAll(IMPORT)) {
    const target = resolve(dirname(file), match[1] ?? match[2]);
    const to = folderOf(target);
    if (to === from || !(FORBIDDEN[from] ?? []).includes(to)) {
      if (from === "store" && to === "auth" && !AUTH_LEAVES.has(`${relative(root, target).split(sep).join("/")}.ts`)) {
        problems.push(`${relative(root, file)} imports ${relative(root, target)} (store may use only ${[...AUTH_LEAVES].join(", ")})`);
      }
      continue;
    }
    problems.push(`${relative(root, file)} (${from}) imports ${relative(root, target)} (${to})`);
  }
}
for (const leaf of AUTH_LEAVES) {
  if (/\bfrom\s+"\./.test(readFileSync(join(root, leaf), "utf8"))) problems.push(`${leaf} must import nothing of src`);
}

if (problems.length) {
  console.error(problems.join("\n"));
  process.exit(1);
}
console.log("imports point down the layers");
