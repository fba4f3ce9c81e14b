#!/usr/bin/env node
import "reflect-metadata";
import { loadSeeds } from "../seeds";
import { ConfigError, loadConfig } from "./config";
import { openDatabase } from "./db";
import { createLogger } from "./logger";

const HELP = `Usage: newsgate <command>   (or: npm run cli -- <command>)

Commands:
  seed       load the seed data (idempotent: unchanged articles are left as they are)
  migrate    bring the database schema up to date
  help       show this help

The database is DATABASE_URL (default sqlite:data/newsgate.sqlite).`;

/** Runs one CLI command; returns the process exit code. */
export async function runCli(argv: string[], out: (line: string) => void = console.log): Promise<number> {
  const [command] = argv;
  if (!command || command === "help" || command === "--help" || command === "-h") {
    out(HELP);
    return command ? 0 : 2;
  }
  if (command !== "seed" && command !== "migrate") {
    out(`Unknown command "${command}".\n\n${HELP}`);
    return 2;
  }
  const config = loadConfig();
  const db = await openDatabase(config.database, createLogger(config.logLevel === "info" ? "warn" : config.logLevel));
  try {
    if (command === "migrate") {
      out("database schema is up to date");
      return 0;
    }
    out("loading seed data …");
    const result = await loadSeeds(db);
    out(`seed: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
    return 0;
  } finally {
    await db.destroy();
  }
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`${error instanceof ConfigError ? error.message : `newsgate: ${(error as Error).message}`}\n`);
      process.exit(error instanceof ConfigError ? 2 : 1);
    },
  );
}
