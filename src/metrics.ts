import { Counter, Histogram, Registry, collectDefaultMetrics } from "prom-client";

/** The Prometheus registry and every metric Newsgate exports on GET /metrics. */
export const registry = new Registry();
collectDefaultMetrics({ register: registry, prefix: "newsgate_" });

export const dbQueries = new Counter({
  name: "newsgate_db_queries_total",
  help: "SQL statements sent to the database.",
  registers: [registry],
});

export const httpDuration = new Histogram({
  name: "newsgate_http_request_duration_seconds",
  help: "HTTP request duration in seconds.",
  labelNames: ["method", "route", "status"] as const,
  buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
  registers: [registry],
});

export const responseCacheRequests = new Counter({
  name: "newsgate_response_cache_requests_total",
  help: "GraphQL requests the response cache answered (hit) or stored the answer of (miss).",
  labelNames: ["result"] as const,
  registers: [registry],
});

export const graphqlOperations = new Counter({
  name: "newsgate_graphql_operations_total",
  help: "GraphQL operations by name, type and outcome (ok, error).",
  labelNames: ["operation", "type", "outcome"] as const,
  registers: [registry],
});

export const graphqlExecutions = new Counter({
  name: "newsgate_graphql_executions_total",
  help: "GraphQL operations executed, by executor: compiled (graphql-jit) or graphql-js.",
  labelNames: ["executor"] as const,
  registers: [registry],
});

export const preparedAnswers = new Counter({
  name: "newsgate_prepared_query_answers_total",
  help: "Response cache misses answered at the front door by running a prepared query, without Apollo's pipeline.",
  registers: [registry],
});

export const ingestFetches = new Counter({
  name: "newsgate_ingest_fetches_total",
  help: "Fetches of feed sources by outcome: ok, warning (stored, but something could not be read: see Source.lastWarning), not_modified, failed.",
  labelNames: ["outcome"] as const,
  registers: [registry],
});
