#!/usr/bin/env node
/**
 * Builds the self-hosted GraphiQL playground into dist/playground/: index.html plus every
 * script, style sheet, font and Monaco web worker under assets/, bundled from the `graphiql`
 * package with esbuild, so the server fetches nothing at run time. The example tabs come
 * from schema/examples.graphql. A build whose inputs are unchanged is skipped; pass --force
 * to build anyway.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, extname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const clientDir = join(root, "src", "playground");
const examplesFile = join(root, "schema", "examples.graphql");
const outDir = join(root, "dist", "playground");
const stampName = "inputs.sha256";
/** Where index.html points for its assets; relative to the page, which is served at /graphql. */
const assetUrl = "playground/assets/";

/** Monaco's web workers by the label Monaco asks for, taken from the very copy GraphiQL uses. */
const monacoWorkers = {
  editor: resolveFromGraphiql("monaco-editor/esm/vs/editor/editor.worker.js"),
  json: resolveFromGraphiql("monaco-editor/esm/vs/language/json/json.worker.js"),
  graphql: resolveFromGraphiql("monaco-graphql/esm/graphql.worker.js"),
};

const shared = {
  absWorkingDir: root,
  bundle: true,
  minify: true,
  target: "es2022",
  platform: "browser",
  define: { "process.env.NODE_ENV": '"production"' },
  logLevel: "warning",
  metafile: true,
};

const started = Date.now();
const inputsHash = hashInputs();
// An up-to-date bundle is skipped quietly, so that `npm run cli` prints only what the command prints.
if (process.argv.includes("--force") || readStamp() !== inputsHash) {
  // Built aside and swapped in whole, so a server starting meanwhile never reads half a bundle.
  const tmpDir = `${outDir}.tmp-${process.pid}`;
  rmSync(tmpDir, { recursive: true, force: true });
  try {
    await build(join(tmpDir, "assets"));
    writeFileSync(join(tmpDir, stampName), inputsHash + "\n");
    try {
      rmSync(outDir, { recursive: true, force: true });
      renameSync(tmpDir, outDir);
    } catch (error) {
      // Another build of the same inputs may have swapped its bundle in first: that one will do.
      if (readStamp() !== inputsHash) throw error;
    }
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
  console.error(`playground: built dist/playground in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Bundles the workers, then the page (which learns the workers' file names), then index.html. */
async function build(assetsDir) {
  const esbuild = await import("esbuild");
  const { exampleTabs } = await import("../src/playground/example-tabs.mjs");
  mkdirSync(assetsDir, { recursive: true });
  const workerFiles = Object.fromEntries(
    await Promise.all(
      Object.entries(monacoWorkers).map(async ([label, entry]) => {
        const result = await esbuild.build({
          ...shared,
          entryPoints: { [`${label}.worker`]: entry },
          format: "iife",
          outdir: assetsDir,
          entryNames: "[name]-[hash]",
        });
        return [label, basename(Object.keys(result.metafile.outputs)[0])];
      }),
    ),
  );

  const page = await esbuild.build({
    ...shared,
    entryPoints: { main: join(clientDir, "main.jsx") },
    format: "esm",
    splitting: true,
    jsx: "automatic",
    outdir: assetsDir,
    entryNames: "[name]-[hash]",
    chunkNames: "chunk-[hash]",
    assetNames: "[name]-[hash]",
    loader: { ".ttf": "file", ".woff": "file", ".woff2": "file", ".svg": "file", ".png": "file" },
    plugins: [
      virtualModules({
        "newsgate:example-tabs": exampleTabs(readFileSync(examplesFile, "utf8")),
        "newsgate:monaco-workers": workerFiles,
      }),
      dropMonacoCss(),
    ],
  });
  const [script, output] = Object.entries(page.metafile.outputs).find(([, o]) => o.entryPoint?.endsWith("main.jsx"));

  const favicon = hashedCopy(join(clientDir, "favicon.svg"), assetsDir);
  const html = readFileSync(join(clientDir, "index.html"), "utf8")
    .replace("%FAVICON%", assetUrl + favicon)
    .replace("%STYLES%", assetUrl + basename(output.cssBundle))
    .replace("%SCRIPT%", assetUrl + basename(script));
  writeFileSync(join(dirname(assetsDir), "index.html"), html);
  gzipAssets(assetsDir);
}

/** Resolves a module as @graphiql/react (GraphiQL's editor package) would import it. */
function resolveFromGraphiql(specifier) {
  const graphiql = createRequire(import.meta.url).resolve("graphiql/package.json");
  const graphiqlReact = createRequire(graphiql).resolve("@graphiql/react/package.json");
  return createRequire(graphiqlReact).resolve(specifier);
}

/** `import x from "newsgate:name"` yields the JSON value given for that name. */
function virtualModules(modules) {
  return {
    name: "newsgate-virtual-modules",
    setup(build) {
      build.onResolve({ filter: /^newsgate:/ }, (args) => ({ path: args.path, namespace: "newsgate" }));
      build.onLoad({ filter: /.*/, namespace: "newsgate" }, (args) => {
        if (!(args.path in modules)) return { errors: [{ text: `unknown module ${args.path}` }] };
        return { contents: JSON.stringify(modules[args.path]), loader: "json" };
      });
    },
  };
}

/** graphiql/style.css already holds Monaco's styles, so the copies Monaco's modules import are left out. */
function dropMonacoCss() {
  return {
    name: "drop-monaco-css",
    setup(build) {
      build.onLoad({ filter: /[\\/]monaco-editor[\\/].*\.css$/ }, () => ({ contents: "", loader: "css" }));
    },
  };
}

/** Copies a file into dir under a name carrying a hash of its content; returns that name. */
function hashedCopy(file, dir) {
  const content = readFileSync(file);
  const hash = createHash("sha256").update(content).digest("hex").slice(0, 8).toUpperCase();
  const name = `${basename(file, extname(file))}-${hash}${extname(file)}`;
  writeFileSync(join(dir, name), content);
  return name;
}

/** Drops empty outputs and writes a .gz beside each compressible asset, for clients that accept gzip. */
function gzipAssets(dir) {
  for (const name of readdirSync(dir)) {
    const content = readFileSync(join(dir, name));
    if (content.length === 0) {
      rmSync(join(dir, name));
      continue;
    }
    if (!/\.(js|css|svg|json)$/.test(name)) continue;
    if (content.length >= 1024) writeFileSync(join(dir, `${name}.gz`), gzipSync(content, { level: 9 }));
  }
}

/** A hash over everything the bundle is made from: this script, the client, the examples and the lock file. */
function hashInputs() {
  const files = [
    fileURLToPath(import.meta.url),
    examplesFile,
    join(root, "package-lock.json"),
    ...readdirSync(clientDir).sort().map((name) => join(clientDir, name)),
  ];
  const hash = createHash("sha256");
  for (const file of files) hash.update(file.slice(root.length)).update("\0").update(readFileSync(file)).update("\0");
  return hash.digest("hex");
}

function readStamp() {
  const stamp = join(outDir, stampName);
  return existsSync(stamp) && existsSync(join(outDir, "index.html")) ? readFileSync(stamp, "utf8").trim() : null;
}
