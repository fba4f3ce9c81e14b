import "reflect-metadata";
import { startNewsgate, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";
import { createTestDatabase } from "./database";

export interface GraphQLResponse {
  data?: any;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

export interface TestServer extends RunningApp {
  /** DATABASE_URL of the server's database, for other processes and instances on the same store. */
  databaseUrl: string;
  /** POSTs a GraphQL operation and returns the parsed body. */
  gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** newsgate_db_queries_total as /metrics reports it now. */
  queryCount(): Promise<number>;
  /** Runs `work` and returns how many SQL statements it sent. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the real server on 127.0.0.1 and an ephemeral port, over a fresh database of its own
 * (a SQLite file in a temporary directory, or a new PostgreSQL database; see
 * createTestDatabase), seeded as `npm start` does on an empty database. DATABASE_URL in `env`
 * names a database to share instead (it is not removed at the end).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const own = env.DATABASE_URL ? null : await createTestDatabase();
  const config = loadConfig({
    DATABASE_URL: own?.url ?? env.DATABASE_URL,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    RATE_LIMIT_POINTS: "100000000",
    RATE_LIMIT_EXTENSIONS: "off",
    ...env,
  });
  let running: RunningApp;
  try {
    running = await startNewsgate(config, createLogger(config.logLevel));
  } catch (error) {
    await own?.drop();
    throw error;
  }
  const queryCount = async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    const match = /^newsgate_db_queries_total (\d+)/m.exec(text);
    if (!match) throw new Error("newsgate_db_queries_total is missing from /metrics");
    return Number(match[1]);
  };
  return {
    ...running,
    databaseUrl: own?.url ?? env.DATABASE_URL,
    async gql(query, variables) {
      const response = await fetch(`${running.url}/graphql`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ query, variables }),
      });
      return (await response.json()) as GraphQLResponse;
    },
    queryCount,
    async countStatements(work) {
      const before = await queryCount();
      await work();
      return (await queryCount()) - before;
    },
    async stop() {
      await running.close();
      await own?.drop();
    },
  };
}
