import { randomUUID } from "node:crypto";
import { createServer as createHttpServer } from "node:http";
import { ApolloServer } from "@apollo/server";
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from "@apollo/server/plugin/disabled";
import fastifyApollo from "@as-integrations/fastify";
import cors from "@fastify/cors";
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import type { Config } from "../config";
import { buildNewsgateSchema, CompiledExecutor, createCompiledGateway, createContext, type Context } from "../graphql";
import { httpDuration, registry } from "../metrics";
import { operationMetricsPlugin } from "./apollo-plugins";
import { createErrorFormatter } from "./format-error";
import { registerCompression } from "./compression";
import { registerHttpCaching } from "./http-cache";
import { cachePolicyPlugin } from "./cache-policy";
import { ReadCache } from "../graphql/execution/read-cache";
import { ResponseCacheService } from "../cache/response-cache";
import { readCachePlugin } from "./read-cache.plugin";
import { FrontDoor } from "./front-door/front-door";
import { PreparedQueries } from "./front-door/prepared-queries";
import { logRequest } from "./request-log";
import { countPreparedOperation, rateLimitCharges, registerResponseCacheRoute } from "./response-cache-route";
import { operationLimitRules, registerRequestLimits } from "./limits";
import { registerPlayground } from "./playground";
import { registerRateLimits } from "./rate-limit";
import { findLiveApiKey, isDatabaseUp, openChangeVersion } from "../store";

/** How long shared caches may keep a news response (Cache-Control max-age). */
const NEWS_MAX_AGE_SECONDS = 60;

export interface ServerDeps {
  config: Config;
  db: DataSource;
  log: Logger;
}

/**
 * The HTTP server: /graphql (POST and GET), /healthz and /metrics. Not yet listening.
 *
 * A GraphQL read goes one way, each layer switchable by configuration: the front door
 * (front-door/, before Fastify) → the response cache (RESPONSE_CACHE; ../cache/, one lookup
 * for both routes) → a prepared query (PREPARED_QUERIES) or Fastify and Apollo → the executor
 * (EXECUTOR: compiled by graphql-jit, or graphql-js) → resolvers → loaders → the read cache
 * (READ_CACHE_ENTRIES) → the store.
 */
export async function createServer({ config, db, log }: ServerDeps): Promise<FastifyInstance> {
  let responseCache: ResponseCacheService | null = null;
  const frontDoor = new FrontDoor({ cache: () => responseCache, log, bodyLimit: config.limits.bodyBytes });
  const app = Fastify({
    loggerInstance: log as FastifyBaseLogger,
    // One line per request, written when it has been answered (see onResponse below).
    logController: new LogController({ disableRequestLogging: true }),
    serverFactory: (handler) => createHttpServer(frontDoor.listener(handler)),
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    bodyLimit: config.limits.bodyBytes,
  });
  frontDoor.register(app);
  registerRequestLimits(app, config.limits);
  registerHttpCaching(app);

  const schema = await buildNewsgateSchema();
  const executor = config.executor === "compiled" ? new CompiledExecutor(schema, { log }) : null;
  const apolloOptions = {
    introspection: config.introspection,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: config.production,
    allowBatchedHttpRequests: false,
    validationRules: operationLimitRules(config.limits),
    parseOptions: { maxTokens: config.limits.tokens },
    formatError: createErrorFormatter(log, !config.production, config.production),
    plugins: [
      operationMetricsPlugin,
      ApolloServerPluginLandingPageDisabled(),
      // News may be cached for a minute; fields marked NO_CACHE (source health) make a response uncacheable.
      // Decided once per operation, in place of Apollo's own per-field cache control.
      cachePolicyPlugin(NEWS_MAX_AGE_SECONDS),
      ApolloServerPluginCacheControlDisabled(),
    ],
  };
  // EXECUTOR=graphql-js: Apollo executes with graphql-js itself, and nothing is compiled.
  const apollo = executor
    ? new ApolloServer<Context>({ gateway: createCompiledGateway(executor), ...apolloOptions })
    : new ApolloServer<Context>({ schema, ...apolloOptions });
  const limiter = registerRateLimits(app, apollo, config.rateLimit, {
    verifyKey: async (token) => (await findLiveApiKey(db, token))?.id ?? null,
  });
  // On PostgreSQL the change number comes by notification from every instance's commits.
  const changeVersion = await openChangeVersion(db, log);
  app.addHook("onClose", () => changeVersion.close());
  const readCache = new ReadCache(config.readCacheEntries);
  const prepared =
    executor && config.preparedQueries > 0
      ? new PreparedQueries({
          maxQueries: config.preparedQueries,
          compiledRun: (queryHash, operationName) => executor.compiledRun(queryHash, operationName),
          context: (version) => {
            const context = createContext(db, { fetchAllowHosts: config.fetchAllowHosts, log });
            context.reads.generation = readCache.at(version);
            return context;
          },
        })
      : undefined;
  // Without kept answers, the cache still looks misses up for the front door's prepared queries.
  if (config.responseCache || prepared) {
    responseCache = new ResponseCacheService({
      readVersion: changeVersion.read,
      charge: rateLimitCharges(limiter, config.rateLimit),
      budgetInBody: config.rateLimit.extensions,
      keepAnswers: config.responseCache,
      prepared,
      countOperation: countPreparedOperation,
    });
    apollo.addPlugin(registerResponseCacheRoute(app, responseCache, { prepared }));
  }
  apollo.addPlugin(readCachePlugin(readCache, changeVersion.read));
  registerCompression(app);
  await apollo.start();

  await app.register(cors, {
    origin: config.corsOrigins === "*" ? "*" : config.corsOrigins,
    methods: ["GET", "POST", "OPTIONS"],
    allowedHeaders: ["content-type", "authorization", "apollo-require-preflight", "x-apollo-operation-name", "x-request-id"],
    exposedHeaders: ["x-request-id"],
    maxAge: 600,
  });

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
  });
  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    httpDuration.observe({ method: request.method, route, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
    const cache = reply.getHeader("x-cache");
    logRequest(log, {
      requestId: request.id,
      method: request.method,
      url: request.url,
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
      cache: typeof cache === "string" ? cache : undefined,
    });
  });

  await registerPlayground(app, config);
  await app.register(fastifyApollo(apollo), {
    path: "/graphql",
    method: ["GET", "POST"],
    context: async (request) => Object.assign(createContext(db, { authorization: request.headers.authorization, fetchAllowHosts: config.fetchAllowHosts, log: request.log as Logger }), { cacheSlot: responseCache?.slotOf(request.raw) }),
  });

  app.get("/healthz", async (_request, reply) => {
    if (await isDatabaseUp(db)) return reply.send({ status: "ok" });
    return reply.code(503).send({ status: "unavailable", reason: "the database does not answer" });
  });

  app.get("/metrics", async (_request, reply) => {
    reply.header("content-type", registry.contentType);
    return registry.metrics();
  });

  // Fastify stops accepting and finishes in-flight requests first; then Apollo stops.
  app.addHook("onClose", async () => {
    await apollo.stop();
  });
  return app;
}
