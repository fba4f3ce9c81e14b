import "reflect-metadata";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startNewsgate, type RunningApp } from "../../src/app";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/logger";

export interface GraphQLResponse {
  data?: any;
  errors?: { message: string; extensions?: Record<string, any>; path?: (string | number)[] }[];
}

export interface TestServer extends RunningApp {
  /** POSTs a GraphQL operation and returns the parsed body. */
  gql(query: string, variables?: Record<string, unknown>): Promise<GraphQLResponse>;
  /** newsgate_db_queries_total as /metrics reports it now. */
  queryCount(): Promise<number>;
  /** Runs `work` and returns how many SQL statements it sent. */
  countStatements(work: () => Promise<unknown>): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Starts the real server on 127.0.0.1 and an ephemeral port, over a fresh SQLite file in a
 * temporary directory (seeded, as `npm start` does on an empty database).
 */
export async function startTestServer(env: Record<string, string> = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "newsgate-test-"));
  const config = loadConfig({
    DATABASE_URL: `sqlite:${join(dir, "newsgate.sqlite")}`,
    PORT: "0",
    HOST: "127.0.0.1",
    LOG_LEVEL: "silent",
    RATE_LIMIT_POINTS: "100000000",
    RATE_LIMIT_EXTENSIONS: "off",
    ...env,
  });
  const running = await startNewsgate(config, createLogger(config.logLevel));
  const queryCount = async () => {
    const text = await (await fetch(`${running.url}/metrics`)).text();
    const match = /^newsgate_db_queries_total (\d+)/m.exec(text);
    if (!match) throw new Error("newsgate_db_queries_total is missing from /metrics");
    return Number(match[1]);
  };
  return {
    ...running,
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
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
