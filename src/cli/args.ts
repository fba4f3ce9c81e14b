/** Positional arguments and `--name value` options of a command line. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/** Splits arguments into positionals and options; `flags` name the options that take no value. */
export function parseArgs(args: readonly string[], flags: readonly string[] = []): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (inline !== undefined) options.set(name, inline);
    else if (flags.includes(name)) options.set(name, true);
    else if (i + 1 < args.length) options.set(name, args[++i]);
    else throw new UsageError(`--${name} needs a value`);
  }
  return { positional, options };
}

/** A command line that cannot be run as given; the message says what to change. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A positive whole number id, or a UsageError naming the argument. */
export function parseId(value: string | undefined, what: string): number {
  if (!value || !/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`${what} must be a source id (a whole number, see "sources list"), got "${value ?? ""}"`);
  return Number(value);
}
