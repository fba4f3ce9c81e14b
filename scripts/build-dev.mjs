#!/usr/bin/env node
/**
 * Compiles the development tools that are not part of the deployable build, the benchmarks
 * (bench/) and scripts/emit-schema.ts, into dist-dev/: bench/x.ts becomes dist-dev/bench/x.js
 * and scripts/x.ts dist-dev/scripts/x.js. Each file is compiled on its own (so that
 * `require.main === module` still tells which one was started); what they import from src/
 * is taken from the main build, dist/src/, so run `npm run build` first. Packages stay
 * imports of node_modules.
 *
 * esbuild only strips the types: `npm run typecheck` checks them (tsconfig.json includes
 * bench/ and scripts/).
 */
import { existsSync, readdirSync, rmSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "dist-dev");
const srcDir = join(root, "src");
const builtSrcDir = join(root, "dist", "src");

if (!existsSync(join(builtSrcDir, "main.js"))) {
  console.error(`build-dev: ${relative(root, builtSrcDir)} is missing: run \`npm run build\` first`);
  process.exit(1);
}

const entryPoints = ["bench", "scripts"].flatMap((dir) =>
  readdirSync(join(root, dir))
    .filter((name) => name.endsWith(".ts") && !name.endsWith(".d.ts"))
    .map((name) => join(root, dir, name)),
);

/** Relative imports stay imports: of the file beside, or of src/x turned into dist/src/x. */
const keepImports = {
  name: "newsgate-keep-imports",
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const target = join(args.resolveDir, args.path);
      if (target === srcDir || target.startsWith(srcDir + sep)) {
        // The output sits in dist-dev/<dir>/, as deep as its source in <dir>/.
        const built = join(builtSrcDir, relative(srcDir, target));
        let path = relative(join(outDir, relative(root, args.resolveDir)), built).split(sep).join("/");
        if (!path.startsWith(".")) path = `./${path}`;
        return { path, external: true };
      }
      return { path: args.path, external: true };
    });
  },
};

const esbuild = await import("esbuild");
rmSync(outDir, { recursive: true, force: true });
await esbuild.build({
  absWorkingDir: root,
  entryPoints,
  outbase: root,
  outdir: outDir,
  bundle: true,
  packages: "external",
  platform: "node",
  format: "cjs",
  target: "node20",
  sourcemap: true,
  logLevel: "warning",
  plugins: [keepImports],
});
