import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { loadSeeds } from "../seeds";
import type { Config } from "./config";
import { openDatabase } from "./db";
import { createServer } from "./http/server";
import { processParsePool, setProcessParsePool, startParsePool } from "./ingest/parse-pool";
import { startScheduler } from "./ingest/scheduler";
import { hasArticles } from "./store";

export interface RunningApp {
  app: FastifyInstance;
  db: DataSource;
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops the scheduler, finishes in-flight requests, ends the parsing workers, closes the database. */
  close(): Promise<void>;
}

/** Opens the database (seeding it when empty), then serves HTTP on config.host:config.port. */
export async function startNewsgate(config: Config, log: Logger): Promise<RunningApp> {
  const db = await openDatabase(config.database, log);
  try {
    if (!(await hasArticles(db))) {
      const seeded = await loadSeeds(db);
      log.info({ created: seeded.created }, "empty database: loaded the seed data");
    }
    const app = await createServer({ config, db, log });
    try {
      await app.listen({ port: config.port, host: config.host });
    } catch (error) {
      await app.close(); // also stops listening for changes
      throw error;
    }
    // Fetched feeds are read in worker threads, by the scheduler and by the refreshSource mutation.
    const parsePool = startParsePool(config);
    setProcessParsePool(parsePool);
    const scheduler = config.scheduler ? startScheduler(db, config, log, { parsePool }) : null;
    await scheduler?.ready;
    const address = app.server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host === "0.0.0.0" || config.host === "::" ? "localhost" : config.host;
    return {
      app,
      db,
      url: `http://${host}:${port}`,
      async close() {
        await scheduler?.stop();
        await app.close();
        if (processParsePool() === parsePool) setProcessParsePool(null);
        await parsePool.close();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
