import type { ApolloServer, BaseContext } from "@apollo/server";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { RateLimitConfig } from "../../config";
import { identifyClient, type ClientIdentity } from "./client-identity";
import { RateLimiter, type Clock } from "./rate-limiter";
import { RATE_LIMIT_HEADERS, rateLimitHeaders, rateLimitMessage, reportOf, retryAfterSeconds } from "./rate-limit-report";
import type { RateLimitStore, Usage } from "./rate-limit-store";
import { CLIENT_HEADER, encodeClient, rateLimitPlugin } from "./rate-limit.plugin";

const GRAPHQL_RESPONSE = "application/graphql-response+json";
const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

export interface RateLimitOptions {
  path?: string;
  /** The id of the live API key a bearer token is, or null; without it every caller is an address. */
  verifyKey?: (token: string) => Promise<number | null>;
  store?: RateLimitStore;
  clock?: Clock;
}

/**
 * Puts /graphql under per-client budgets of cost points (see RateLimiter):
 * - before the handler, a client whose budget is spent gets 429 RATE_LIMITED with
 *   Retry-After without its query being parsed, and every other request is tagged with
 *   its identity for the Apollo plugin, which charges the operation's cost;
 * - as the response leaves, a request Apollo did not charge (refused earlier by a size
 *   limit, a malformed request) is charged 1, and every response gets the x-ratelimit-*
 *   headers (exposed to browsers through CORS) and, when it is a JSON object, the budget in
 *   `extensions.rateLimit`.
 * Call it after the ApolloServer is made and before it is started.
 */
export function registerRateLimits<TContext extends BaseContext>(
  app: FastifyInstance,
  apollo: ApolloServer<TContext>,
  config: RateLimitConfig,
  options: RateLimitOptions = {},
): RateLimiter {
  const path = options.path ?? "/graphql";
  const limiter = new RateLimiter(config, options.store, options.clock);
  apollo.addPlugin(rateLimitPlugin<TContext>(limiter, config.extensions));
  const clients = new WeakMap<FastifyRequest, Promise<ClientIdentity>>();
  const identify = async (request: FastifyRequest): Promise<ClientIdentity> => {
    const token = BEARER.exec(request.headers.authorization ?? "")?.[1];
    const keyId = token && options.verifyKey ? await options.verifyKey(token).catch(() => null) : null;
    return identifyClient({ keyId, forwardedFor: request.headers["x-forwarded-for"], remoteAddress: request.socket.remoteAddress }, config.trustProxy);
  };
  const clientOf = (request: FastifyRequest): Promise<ClientIdentity> => {
    let client = clients.get(request);
    if (!client) clients.set(request, (client = identify(request)));
    return client;
  };

  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    const client = await clientOf(request);
    request.headers[CLIENT_HEADER] = encodeClient(client);
    const usage = await limiter.status(client);
    if (usage.remaining > 0) return;
    return sendRateLimited(request, reply, usage, limiter.clock(), config.extensions);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    if (request.routeOptions.url !== path) return payload;
    // The playground page shares the path; only GraphQL answers spend the budget.
    if (/^text\/html/.test(String(reply.getHeader("content-type") ?? ""))) return payload;
    if (reply.hasHeader("x-ratelimit-limit")) return exposeHeaders(reply, payload);
    const usage = await limiter.charge(await clientOf(request), 1);
    reply.headers(rateLimitHeaders(usage));
    exposeHeaders(reply, payload);
    return config.extensions ? withReport(reply, payload, usage) : payload;
  });
  return limiter;
}

function sendRateLimited(request: FastifyRequest, reply: FastifyReply, usage: Usage, now: number, extensions: boolean) {
  const type = request.headers.accept?.includes(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json";
  const seconds = retryAfterSeconds(usage, now);
  const body = {
    errors: [{ message: rateLimitMessage(usage, now, null), extensions: { code: "RATE_LIMITED", retryAfter: seconds } }],
    ...(extensions ? { extensions: { rateLimit: reportOf(usage) } } : {}),
  };
  return reply
    .code(429)
    .headers(Object.assign(rateLimitHeaders(usage), { "retry-after": String(seconds) }))
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify(body));
}

/** Lets browsers read the rate limit headers when CORS applies. */
function exposeHeaders<T>(reply: FastifyReply, payload: T): T {
  const exposed = reply.getHeader("access-control-expose-headers");
  if (typeof exposed === "string" && !exposed.includes("x-ratelimit-limit")) {
    reply.header("access-control-expose-headers", [exposed, ...RATE_LIMIT_HEADERS].join(", "));
  }
  return payload;
}

/** Adds extensions.rateLimit to a JSON object body that did not come through Apollo's plugin. */
function withReport(reply: FastifyReply, payload: unknown, usage: Usage): unknown {
  if (typeof payload !== "string" || !/json/.test(String(reply.getHeader("content-type") ?? ""))) return payload;
  try {
    const body: unknown = JSON.parse(payload);
    if (body === null || typeof body !== "object" || Array.isArray(body)) return payload;
    const existing = (body as { extensions?: Record<string, unknown> }).extensions;
    return JSON.stringify(Object.assign({}, body, { extensions: Object.assign({}, existing, { rateLimit: reportOf(usage) }) }));
  } catch {
    return payload;
  }
}
