import { createHash } from "node:crypto";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { ResponseCache } from "../cache/response-cache";
import type { RateLimitConfig } from "../config";
import { compress, encodedEtag, preferredEncoding } from "./compression";
import { etagOf, matches } from "./http-cache";
import { identifyClient, operationCost, reportOf, type RateLimiter } from "./rate-limit";
import { rateLimitHeaders } from "./rate-limit/rate-limit-report";

/** What one request's lookup left for the response: where to store it, and what it cost. */
export interface CacheSlot {
  key: string;
  version: number;
  operation?: string;
  cost?: number;
}

const slots = new WeakMap<FastifyRequest, CacheSlot>();

/** The slot of a request that may be stored, for the GraphQL context. */
export const cacheSlotOf = (request: FastifyRequest): CacheSlot | undefined => slots.get(request);

export interface ResponseCacheOptions {
  /** The store's change number; any visible change moves it. */
  readVersion: () => number;
  limiter: RateLimiter;
  rateLimit: RateLimitConfig;
  maxBytes?: number;
}

/**
 * The response cache: anonymous queries whose answer may be shared (public max-age) are kept
 * as the bytes sent, and sent again without running GraphQL while the store has not changed
 * since (its change number is the same) and the max-age has not passed. A write that changes
 * an article, a tag or a source moves the change number and so retires every entry computed
 * before it; a write that changes nothing (an unchanged feed) retires none. The number lives
 * in the database, so writes by other processes on the same file count too.
 *
 * A hit is charged the cost its operation had, like a miss, and carries the same rate limit
 * headers; GET answers are the same bytes for everyone (the budget is in the headers), so
 * their ETag holds. Returns the Apollo plugin that records each operation's kind and cost.
 */
export function registerResponseCache<TContext extends BaseContext>(app: FastifyInstance, options: ResponseCacheOptions): ApolloServerPlugin<TContext> {
  const cache = new ResponseCache(options.maxBytes ?? 64 * 1024 * 1024);
  // Only anonymous requests are cached: a hit spends its address's budget.
  const clientOf = (request: FastifyRequest) =>
    identifyClient({ forwardedFor: request.headers["x-forwarded-for"], remoteAddress: request.socket.remoteAddress }, options.rateLimit.trustProxy);

  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.url !== "/graphql" || reply.sent) return;
    const key = cacheKey(request);
    if (!key) return;
    let version: number;
    try {
      version = options.readVersion();
    } catch {
      return; // the database does not answer: GraphQL reports it
    }
    const entry = cache.get(key, version);
    if (!entry) {
      slots.set(request, { key, version });
      return;
    }
    const usage = await options.limiter.charge(clientOf(request), entry.cost);
    if (!usage.allowed) {
      slots.set(request, { key, version });
      return; // over budget: GraphQL answers with RATE_LIMITED
    }
    reply.headers({ ...rateLimitHeaders(usage), "content-type": entry.contentType, "cache-control": entry.cacheControl, "x-cache": "HIT" });
    const encoding = preferredEncoding(request.headers["accept-encoding"]);
    // An uncompressed POST answer carries the caller's budget in its body too; every other
    // answer is the shared bytes (compressed once per encoding), the budget in its headers.
    if (request.method === "POST" && options.rateLimit.extensions && !encoding) return reply.send(withBudget(entry.body, reportOf(usage)));
    reply.header("vary", "accept, accept-encoding");
    if (request.method === "GET") {
      const etag = encodedEtag(entry.etag, encoding);
      reply.header("etag", etag);
      if (matches(request.headers["if-none-match"], entry.etag)) return reply.code(304).send();
    }
    if (!encoding || entry.body.length < 1024) return reply.send(entry.body);
    let bytes = entry.encoded[encoding];
    if (!bytes) bytes = entry.encoded[encoding] = await compress(entry.body, encoding);
    return reply.header("content-encoding", encoding).send(bytes);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const slot = slots.get(request);
    if (!slot || slot.operation !== "query" || reply.statusCode !== 200) return payload;
    const cacheControl = String(reply.getHeader("cache-control") ?? "");
    const maxAge = /^max-age=(\d+), public$/.exec(cacheControl);
    if (!maxAge || Number(maxAge[1]) <= 0 || (typeof payload !== "string" && !Buffer.isBuffer(payload))) return payload;
    const body = shareable(payload.toString());
    if (body === null) return payload;
    cache.set(slot.key, {
      body: Buffer.from(body),
      etag: etagOf(body),
      encoded: {},
      contentType: String(reply.getHeader("content-type")),
      cacheControl,
      version: slot.version,
      expires: Date.now() + Number(maxAge[1]) * 1000,
      cost: slot.cost ?? 1,
    });
    reply.header("x-cache", "MISS");
    return payload;
  });

  return {
    async requestDidStart({ contextValue }) {
      const slot = (contextValue as { cacheSlot?: CacheSlot }).cacheSlot;
      if (!slot) return;
      return {
        async didResolveOperation({ schema, document, operation }) {
          if (!operation) return;
          slot.operation = operation.operation;
          slot.cost = Math.max(1, operationCost(schema, document, operation));
        },
      };
    },
  };
}

/** The key of an anonymous GraphQL request, or null when it must not be cached. */
function cacheKey(request: FastifyRequest): string | null {
  if (request.headers.authorization) return null;
  const params = (request.method === "GET" ? request.query : request.body) as Record<string, unknown> | null;
  if (!params || typeof params !== "object" || Array.isArray(params)) return null;
  const variables = typeof params.variables === "string" ? params.variables : JSON.stringify(params.variables ?? null);
  const extensions = typeof params.extensions === "string" ? params.extensions : JSON.stringify(params.extensions ?? null);
  return createHash("sha256")
    .update(JSON.stringify([params.query ?? null, params.operationName ?? null, variables, extensions, request.headers.accept ?? ""]))
    .digest("base64url");
}

/**
 * The part of a response every anonymous caller may get: the data, without the budget of the
 * caller it was computed for. Null for a response with errors or other extensions.
 */
function shareable(text: string): string | null {
  let body: { data?: unknown; errors?: unknown; extensions?: Record<string, unknown> };
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object" || body.errors || body.data === undefined) return null;
  const { rateLimit, ...others } = body.extensions ?? {};
  if (Object.keys(others).length > 0) return null;
  return rateLimit === undefined ? text : JSON.stringify({ data: body.data });
}

/** A shared body with the caller's budget in extensions.rateLimit: bytes joined, never decoded. */
function withBudget(body: Buffer, budget: unknown): Buffer {
  const close = body.lastIndexOf(0x7d); // the body's final "}"
  return Buffer.concat([body.subarray(0, close), Buffer.from(`,"extensions":{"rateLimit":${JSON.stringify(budget)}}}`)]);
}
