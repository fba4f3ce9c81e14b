import pino, { type Logger } from "pino";
import type { LogLevel } from "./config";

/** Structured JSON logs on stdout, one line per event. */
export function createLogger(level: LogLevel): Logger {
  return pino({ level, base: { service: "newsgate" }, timestamp: pino.stdTimeFunctions.isoTime });
}
