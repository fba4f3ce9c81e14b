#!/usr/bin/env node
import "reflect-metadata";
import { commands } from "./cli/index";
import { ConfigError, loadConfig } from "./config";

function help(): string {
  const lines = commands.flatMap((command) => command.usage.map((usage) => `  ${usage}`));
  return [
    "Usage: newsgate <command> [options]   (or: npm run cli -- <command> [options])",
    "",
    "Commands:",
    ...lines,
    "  help                 show this help",
    "",
    "The database is DATABASE_URL (default sqlite:data/newsgate.sqlite).",
  ].join("\n");
}

/** Runs one CLI command; returns the process exit code. */
export async function runCli(
  argv: string[],
  env: NodeJS.ProcessEnv = process.env,
  out: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
  err: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help" || name === "-h") {
    out(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    err(`newsgate: unknown command "${name}"\n\n${help()}`);
    return 2;
  }
  let config;
  try {
    config = loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) {
      err(error.message);
      return 2;
    }
    throw error;
  }
  return command.run({ args, config, out, err });
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`newsgate: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
