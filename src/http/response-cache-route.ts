import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FastifyInstance } from "fastify";
import { varyWith } from "../cache/etag";
import { sharedHeaders, type CacheCharge, type CacheRequest, type CacheSlot, type ResponseCacheService, type SharedAnswer } from "../cache/response-cache";
import type { RateLimitConfig } from "../config";
import { graphqlOperations } from "../metrics";
import type { PreparedQueries } from "./front-door/prepared-queries";
import { identifyClient, operationCost, reportOf, type RateLimiter } from "./rate-limit";
import { rateLimitHeaders } from "./rate-limit/rate-limit-report";

export interface ResponseCacheRouteOptions {
  /** Queries the front door runs itself once the route has answered them (see PreparedQueries). */
  prepared?: PreparedQueries;
}

/**
 * The GraphQL route's part of the response cache: looks up (with the cache's one `lookup`)
 * the requests the front door left alone, stores cacheable answers as they leave, and
 * returns the Apollo plugin that records each operation's kind and cost.
 */
export function registerResponseCacheRoute<TContext extends BaseContext>(
  app: FastifyInstance,
  cache: ResponseCacheService,
  options: ResponseCacheRouteOptions = {},
): ApolloServerPlugin<TContext> {
  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.url !== "/graphql" || reply.sent || cache.slotOf(request.raw)) return;
    const params = request.method === "GET" ? request.query : request.body;
    if (!params || typeof params !== "object" || Array.isArray(params)) return;
    const found = await cache.lookup({ method: request.method, headers: request.headers, params: params as Record<string, unknown>, remoteAddress: request.socket.remoteAddress });
    if (!found) return;
    if ("slot" in found) return void cache.setSlot(request.raw, found.slot);
    const { status, headers, body } = found.answer;
    reply.code(status).headers(Object.assign({}, headers, { vary: varyWith(reply.getHeader("vary"), headers.vary) }));
    return reply.send(body.length === 0 ? undefined : body.length === 1 ? body[0] : Buffer.concat(body));
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const slot = cache.slotOf(request.raw);
    if (!slot || slot.operation !== "query" || reply.statusCode !== 200) return payload;
    const cacheControl = String(reply.getHeader("cache-control") ?? "");
    const maxAge = /^max-age=(\d+), public$/.exec(cacheControl);
    if (!maxAge || Number(maxAge[1]) <= 0 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    const answer: SharedAnswer = {
      operationName: slot.operationName ?? null,
      cost: slot.cost ?? 1,
      contentType: String(reply.getHeader("content-type")),
      cacheControl,
      headers: sharedHeaders(reply.getHeaders()),
    };
    const stored = cache.storeAnswer(slot, payload.toString(), answer);
    if (!stored) return payload;
    reply.header("x-cache", "MISS");
    // A query the front door let through, answered in full by POST: the front door may run it from now on.
    if (slot.frontDoor && slot.queryHash && request.method === "POST") options.prepared?.remember(request.headers.accept, request.body, slot.queryHash, answer);
    // The bytes just made are sent as they are, unless the caller's budget was taken out of them.
    return stored.asSent ? stored.bytes : payload;
  });

  return {
    async requestDidStart({ contextValue }) {
      const slot = (contextValue as { cacheSlot?: CacheSlot }).cacheSlot;
      if (!slot) return;
      return {
        async didResolveOperation({ schema, document, operation, operationName, queryHash }) {
          if (!operation) return;
          slot.operation = operation.operation;
          slot.operationName = operationName;
          slot.queryHash = queryHash;
          slot.cost = Math.max(1, operationCost(schema, document, operation));
        },
      };
    },
  };
}

/** Rate limiting as the response cache asks for it: the caller of a request charged a cost. */
export function rateLimitCharges(limiter: RateLimiter, rateLimit: RateLimitConfig): (request: CacheRequest, cost: number) => Promise<CacheCharge> {
  return async (request, cost) => {
    const client = identifyClient({ forwardedFor: request.headers["x-forwarded-for"], remoteAddress: request.remoteAddress }, rateLimit.trustProxy);
    const usage = await limiter.charge(client, cost);
    return { allowed: usage.allowed, headers: () => rateLimitHeaders(usage), budget: () => reportOf(usage) };
  };
}

/** Counts an operation the front door answered with a prepared query, as Apollo's plugin counts the others. */
export function countPreparedOperation(operationName: string | null): void {
  graphqlOperations.inc({ operation: operationName ?? "anonymous", type: "query", outcome: "ok" });
}
