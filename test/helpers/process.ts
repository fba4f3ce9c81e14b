import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";

const DIST = join(__dirname, "..", "..", "dist", "src");

/** Path of a compiled entry point; `npm test` builds dist/ before jest runs. */
export function compiled(file: string): string {
  const path = join(DIST, file);
  if (!existsSync(path)) throw new Error(`${path} is missing: run "npm run build" (npm test does it first)`);
  return path;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a compiled entry point to its end. */
export function runNode(file: string, args: string[], env: Record<string, string>): Promise<Finished> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiled(file), ...args], { env: { ...process.env, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts a compiled entry point and waits until a line of its stdout matches. */
export function startNode(
  file: string,
  env: Record<string, string>,
  ready: RegExp,
): Promise<{ child: ChildProcessWithoutNullStreams; match: RegExpMatchArray; output: () => string; exited: Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [compiled(file)], { env: { ...process.env, ...env } });
    let output = "";
    const exited = new Promise<number | null>((done) => child.on("close", done));
    child.stdout.on("data", (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ child, match, output: () => output, exited });
    });
    child.stderr.on("data", (chunk) => (output += chunk));
    exited.then((code) => reject(new Error(`exited with ${code} before it was ready:\n${output}`)));
  });
}
