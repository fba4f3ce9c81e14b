import pino, { type Logger } from "pino";
import type { LogLevel } from "./config";

/**
 * Structured JSON logs on stdout, one line per event. A server writes them asynchronously,
 * so that a slow reader of its output never holds up requests (whatever is buffered is
 * written out when the process exits); command-line work writes each line at once, in
 * order with its other output.
 */
export function createLogger(level: LogLevel, options: { sync?: boolean } = {}): Logger {
  const destination = pino.destination({ dest: 1, sync: options.sync ?? false });
  return pino({ level, base: { service: "newsgate" }, timestamp: pino.stdTimeFunctions.isoTime }, destination);
}
