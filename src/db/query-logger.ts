import type { Logger as TypeOrmLogger } from "typeorm";
import type { Logger } from "pino";
import { dbQueries } from "../metrics";

/**
 * TypeORM calls `logQuery` once for every statement it sends, on every driver: the
 * single place that counts statements for newsgate_db_queries_total.
 */
export class QueryLogger implements TypeOrmLogger {
  constructor(private readonly pino?: Logger) {}

  logQuery(query: string): void {
    dbQueries.inc();
    if (this.pino?.isLevelEnabled("trace")) this.pino.trace({ sql: query }, "sql");
  }

  logQueryError(error: string | Error, query: string): void {
    this.pino?.debug({ err: error, sql: query }, "sql failed");
  }

  logQuerySlow(time: number, query: string): void {
    this.pino?.warn({ ms: time, sql: query }, "slow sql");
  }

  logSchemaBuild(message: string): void {
    this.pino?.debug(message);
  }

  logMigration(message: string): void {
    this.pino?.info(message);
  }

  log(level: "log" | "info" | "warn", message: unknown): void {
    if (level === "warn") this.pino?.warn(String(message));
    else this.pino?.debug(String(message));
  }
}
