import type { Logger } from "pino";
import { responseCacheRequests } from "../metrics";

export interface RequestLogEntry {
  requestId: string;
  method: string;
  url: string;
  status: number;
  seconds: number;
  /** HIT when the response cache answered, MISS when the answer could be stored there (see ResponseCache). */
  cache?: string;
}

/**
 * The one log line every HTTP request leaves when it has been answered: at info, except
 * answers from the response cache, which are many and all alike: those are logged at debug
 * and counted in /metrics (newsgate_response_cache_requests_total).
 */
export function logRequest(log: Logger, entry: RequestLogEntry): void {
  if (entry.cache === "HIT" || entry.cache === "MISS") responseCacheRequests.inc({ result: entry.cache.toLowerCase() });
  const level = entry.cache === "HIT" ? "debug" : "info";
  if (!log.isLevelEnabled(level)) return;
  const line: Record<string, unknown> = {
    reqId: entry.requestId,
    req: { method: entry.method, url: entry.url },
    res: { statusCode: entry.status },
    responseTime: Math.round(entry.seconds * 1e6) / 1e3,
  };
  if (entry.cache) line.cache = entry.cache;
  log[level](line, "request completed");
}
