import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import { extname, join } from "node:path";

/** One file of the playground bundle, held in memory with its gzip form where the build made one. */
export interface PlaygroundAsset {
  contentType: string;
  body: Buffer;
  gzip?: Buffer;
}

/** The built playground: its page and every asset the page loads, by file name. */
export interface PlaygroundBundle {
  dir: string;
  html: string;
  assets: ReadonlyMap<string, PlaygroundAsset>;
}

const CONTENT_TYPES: Record<string, string> = {
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ttf": "font/ttf",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
};

/**
 * Where `npm run build` puts the bundle (scripts/build-playground.mjs): dist/playground. This
 * file runs from dist/src/http when compiled and from src/http under ts-jest, so both
 * places are tried; null when neither holds a build.
 */
export function findPlaygroundDir(from: string = __dirname): string | null {
  const candidates = [join(from, "..", "..", "playground"), join(from, "..", "..", "dist", "playground")];
  return candidates.find((dir) => existsSync(join(dir, "index.html"))) ?? null;
}

/**
 * Reads the whole bundle into memory once, at start: the server then never touches the disk
 * for it (a rebuild while it runs cannot break a page half-way), and a request can only
 * name a file the build produced.
 */
export async function loadPlaygroundBundle(dir: string): Promise<PlaygroundBundle> {
  const assetsDir = join(dir, "assets");
  const names = await readdir(assetsDir);
  const assets = new Map<string, PlaygroundAsset>();
  for (const name of names) {
    const contentType = CONTENT_TYPES[extname(name)];
    if (!contentType) continue;
    const gzipName = `${name}.gz`;
    assets.set(name, {
      contentType,
      body: await readFile(join(assetsDir, name)),
      gzip: names.includes(gzipName) ? await readFile(join(assetsDir, gzipName)) : undefined,
    });
  }
  return { dir, html: await readFile(join(dir, "index.html"), "utf8"), assets };
}
