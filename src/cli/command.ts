import type { Config } from "../config";

/** What a CLI command gets: its arguments, the configuration and where to print. */
export interface CommandContext {
  args: string[];
  config: Config;
  /** One line to stdout. */
  out(line: string): void;
  /** One line to stderr (progress, warnings). */
  err(line: string): void;
}

/** A `newsgate <name> …` command; returns the process exit code. */
export interface Command {
  name: string;
  /** One line per usage form, shown by `newsgate help`. */
  usage: string[];
  run(context: CommandContext): Promise<number>;
}
