import { createHash } from "node:crypto";
import type { IncomingHttpHeaders, IncomingMessage } from "node:http";
import { compress, encodedEtag, MIN_COMPRESSED_BYTES, preferredEncoding } from "./encoding";
import { etagOf, GRAPHQL_VARY, matches, varyWith } from "./etag";
import { ResponseCache, type CachedResponse } from "./response-store";
import { utf8Bytes } from "./utf8-bytes";

/** What one request's lookup left for the response: where to store it, and what it cost. */
export interface CacheSlot {
  key: string;
  version: number;
  /** Looked up at the front door (so the caller sent no Origin and no Authorization). */
  frontDoor?: boolean;
  /** Set once Apollo has resolved the operation: its kind, its own name, its cost and Apollo's hash of the query text. */
  operation?: string;
  operationName?: string | null;
  cost?: number;
  queryHash?: string;
}

/** A request as the cache sees it, whichever path it came by. */
export interface CacheRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /**
   * The GraphQL parameters: as sent (the query string of a GET, the bytes of a POST body),
   * or as parsed. Either way the same request always gives the same key.
   */
  params: string | Buffer | Record<string, unknown>;
  remoteAddress: string | undefined;
}

/** A complete answer from the cache; the body in parts, sent one after the other. */
export interface CacheAnswer {
  status: number;
  headers: Record<string, string>;
  /** Headers the stored answer had besides those above, for a path that has not set them itself. */
  storedHeaders: Record<string, string>;
  body: Buffer[];
}

/** A hit answers the request; a miss leaves the slot its response is stored in; null: not cacheable. */
export type CacheLookup = { answer: CacheAnswer } | { slot: CacheSlot } | null;

/**
 * What every caller of the same request gets with its answer, taken from the answer the
 * GraphQL route gave it: kept with a stored answer, and with a prepared query.
 */
export interface SharedAnswer {
  /** The operation's own name, for the operations metric; null when it has none. */
  operationName: string | null;
  /** The rate limit points its operation costs. */
  cost: number;
  contentType: string;
  cacheControl: string;
  /** The other headers the route's answer had that every caller gets (CORS, Vary). */
  headers: Record<string, string>;
}

/** A caller charged the cost of an operation, as rate limiting sees it. */
export interface CacheCharge {
  /** False when the cost did not fit in the caller's budget; nothing was taken then. */
  allowed: boolean;
  /** The x-ratelimit-* headers of the answer. */
  headers(): Record<string, string>;
  /** The budget as extensions.rateLimit reports it. */
  budget(): unknown;
}

/** Queries the front door may run itself on a miss (see http/front-door/prepared-queries.ts). */
export interface PreparedRuns {
  /** A POST body's data as JSON and what its answer shares; null when the GraphQL route must answer. */
  run(accept: string | undefined, body: Buffer, version: number): Promise<{ data: string; answer: SharedAnswer } | null>;
}

export interface ResponseCacheOptions {
  /** The store's change number; any visible change moves it. */
  readVersion: () => number;
  /** Charges the caller of a request the cost of its operation (rate limiting). */
  charge: (request: CacheRequest, cost: number) => Promise<CacheCharge>;
  /** Whether a POST answer carries the caller's budget in its body (RATE_LIMIT_EXTENSIONS). */
  budgetInBody: boolean;
  /** Whether answers are kept (RESPONSE_CACHE); when not, every lookup is a miss, and misses still go by slots. */
  keepAnswers?: boolean;
  maxBytes?: number;
  /** Queries the front door may run itself on a miss; none when absent. */
  prepared?: PreparedRuns;
  /** Counts an operation answered by a prepared query (the operations metric). */
  countOperation?: (operationName: string | null) => void;
}

/** What storing a route's answer made: the bytes kept, and whether they are the bytes to send. */
export interface StoredAnswer {
  bytes: Buffer;
  /** False when the answer sent carried the caller's budget, which the kept bytes leave out. */
  asSent: boolean;
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
 * their ETag holds.
 *
 * Lookups come by two paths: the server's front door (see http/front-door/), which answers
 * hits before any framework work, and the GraphQL route's preHandler (see
 * http/response-cache-route.ts) for the requests the front door leaves alone. Both ask
 * `lookup`, the one place an answer is looked up. Misses are stored by `storeAnswer` as the
 * route's answer leaves, or, for a prepared query the front door runs itself, by `answerMiss`.
 */
export class ResponseCacheService {
  private readonly cache: ResponseCache | null;
  private readonly slots = new WeakMap<IncomingMessage, CacheSlot>();

  constructor(private readonly options: ResponseCacheOptions) {
    this.cache = options.keepAnswers === false ? null : new ResponseCache(options.maxBytes ?? 64 * 1024 * 1024);
  }

  async lookup(request: CacheRequest): Promise<CacheLookup> {
    const key = cacheKey(request);
    if (!key) return null;
    let version: number;
    try {
      version = this.options.readVersion();
    } catch {
      return null; // the database does not answer: GraphQL reports it
    }
    const entry = this.cache?.get(key, version);
    if (!entry) return { slot: { key, version } };
    const usage = await this.charge(request, entry.cost);
    if (!usage.allowed) return { slot: { key, version } }; // over budget: GraphQL answers with RATE_LIMITED
    const headers = answerHeaders(usage, entry, "HIT");
    const answer = (status: number, body: Buffer[]) => ({ answer: { status, headers, storedHeaders: entry.headers, body } });
    const encoding = preferredEncoding(request.headers["accept-encoding"]);
    // An uncompressed POST answer carries the caller's budget in its body too; every other
    // answer is the shared bytes (compressed once per encoding), the budget in its headers.
    if (request.method === "POST" && this.options.budgetInBody && !encoding) return answer(200, withBudget(entry.body, usage.budget()));
    if (request.method === "GET") {
      const etag = (entry.etag ??= etagOf(entry.body));
      headers.etag = encodedEtag(etag, encoding);
      if (matches(firstHeader(request.headers["if-none-match"]), etag)) return answer(304, []);
    }
    if (!encoding || entry.body.length < MIN_COMPRESSED_BYTES) return answer(200, [entry.body]);
    let bytes = entry.encoded[encoding];
    if (!bytes) bytes = entry.encoded[encoding] = await compress(entry.body, encoding);
    headers["content-encoding"] = encoding;
    return answer(200, [bytes]);
  }

  /**
   * Answers a miss found at the front door by running its prepared query (see
   * PreparedQueries) and stores it: the answer the GraphQL route would give, with the same
   * charge, headers and bytes. Null when the route must answer (the query is not prepared,
   * its result is not plain data, or the caller's budget does not cover it).
   */
  async answerMiss(request: CacheRequest, slot: CacheSlot): Promise<CacheAnswer | null> {
    const prepared = this.options.prepared;
    if (!prepared || request.method !== "POST" || !Buffer.isBuffer(request.params)) return null;
    const ran = await prepared.run(request.headers.accept, request.params, slot.version);
    if (!ran) return null;
    const { answer: shared, data } = ran;
    const usage = await this.charge(request, shared.cost);
    if (!usage.allowed) return null; // the route answers with RATE_LIMITED
    this.options.countOperation?.(shared.operationName);
    // The bytes Apollo writes: the data, the budget last in extensions (POST only), a newline.
    // What is kept leaves the budget out, as `shareable` does; the data is encoded once for both.
    const budget = this.options.budgetInBody ? Buffer.from(`${BUDGET_SUFFIX.slice(0, -1)}${JSON.stringify(usage.budget())}}}\n`) : null;
    const kept = utf8Bytes('{"data":', data, budget ? "}" : "}\n");
    const entry = this.keep(slot, kept, shared);
    const sent = budget ? [kept.subarray(0, kept.length - 1), budget] : [kept];
    const headers = answerHeaders(usage, shared, "MISS");
    const answer = (body: Buffer[]) => ({ status: 200, headers, storedHeaders: shared.headers, body });
    const encoding = preferredEncoding(request.headers["accept-encoding"]);
    const length = sent.reduce((sum, part) => sum + part.length, 0);
    if (!encoding || length < MIN_COMPRESSED_BYTES) return answer(sent);
    const bytes = await compress(budget ? Buffer.concat(sent, length) : kept, encoding);
    // Without a budget the bytes sent are the entry's own: compressed once for both.
    if (!budget) entry.encoded[encoding] = bytes;
    headers["content-encoding"] = encoding;
    return answer([bytes]);
  }

  /** Charges the caller of a request the cost of its operation. */
  private charge(request: CacheRequest, cost: number): Promise<CacheCharge> {
    return this.options.charge(request, cost);
  }

  /** Hands a miss found at the front door to the GraphQL route, so it is not looked up twice. */
  keepSlot(raw: IncomingMessage, slot: CacheSlot): void {
    slot.frontDoor = true;
    this.slots.set(raw, slot);
  }

  /** Stores the bytes any caller of a slot's request may get (see shareable). */
  private keep(slot: CacheSlot, body: Buffer, answer: Pick<SharedAnswer, "contentType" | "cacheControl" | "headers" | "cost">): CachedResponse {
    const maxAge = Number(/^max-age=(\d+)/.exec(answer.cacheControl)?.[1] ?? 0);
    const entry: CachedResponse = {
      body,
      encoded: {},
      contentType: answer.contentType,
      cacheControl: answer.cacheControl,
      headers: answer.headers,
      version: slot.version,
      expires: Date.now() + maxAge * 1000,
      cost: answer.cost,
    };
    this.cache?.set(slot.key, entry);
    return entry;
  }

  /** The slot a request's lookup left, where its answer may be stored; undefined when there is none. */
  slotOf(raw: IncomingMessage): CacheSlot | undefined {
    return this.slots.get(raw);
  }

  /** Leaves the slot of a miss found by the GraphQL route, for its answer to be stored in. */
  setSlot(raw: IncomingMessage, slot: CacheSlot): void {
    this.slots.set(raw, slot);
  }

  /**
   * Stores the answer the GraphQL route gave a slot's request, if it may be shared: the
   * bytes kept, or null when it is not stored (errors, other extensions).
   */
  storeAnswer(slot: CacheSlot, text: string, answer: SharedAnswer): StoredAnswer | null {
    const body = shareable(text);
    if (body === null) return null;
    const bytes = utf8Bytes(body);
    this.keep(slot, bytes, answer);
    return { bytes, asSent: body === text };
  }
}

/** The headers of an answer made at the front door, as the GraphQL route would set them, besides the stored ones. */
function answerHeaders(usage: CacheCharge, stored: Pick<SharedAnswer, "contentType" | "cacheControl" | "headers">, cache: "HIT" | "MISS"): Record<string, string> {
  return Object.assign(usage.headers(), {
    "content-type": stored.contentType,
    "cache-control": stored.cacheControl,
    vary: varyWith(stored.headers.vary, GRAPHQL_VARY),
    "x-cache": cache,
  });
}

/** Headers that belong to one request or one representation, never stored with an answer. */
const OWN_HEADERS = /^(content-length|content-encoding|content-type|cache-control|etag|x-cache|x-request-id|x-ratelimit-.*|retry-after|set-cookie|date|connection|keep-alive)$/i;

/** The headers of an answer that any caller of the same request gets. */
export function sharedHeaders(headers: Record<string, unknown>): Record<string, string> {
  const shared: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !OWN_HEADERS.test(name)) shared[name] = Array.isArray(value) ? value.join(", ") : String(value);
  }
  return shared;
}

const firstHeader = (value: string | string[] | undefined): string | undefined => (Array.isArray(value) ? value.join(",") : value);

/** Content types a browser may send cross-site without a preflight (see Apollo's CSRF prevention). */
const SIMPLE_CONTENT_TYPE = /^\s*(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\s*(;|$)/i;

/**
 * Whether a GET passes the same cross-site request check Apollo makes: a content type a
 * browser cannot send without a preflight, or one of the preflight headers.
 */
function passesCsrfCheck(headers: IncomingHttpHeaders): boolean {
  const contentType = headers["content-type"];
  if (contentType !== undefined && !SIMPLE_CONTENT_TYPE.test(contentType)) return true;
  return Boolean(headers["x-apollo-operation-name"] || headers["apollo-require-preflight"]);
}

/** The key of an anonymous GraphQL request, or null when it must not be cached. */
function cacheKey(request: CacheRequest): string | null {
  const { headers, params } = request;
  if (headers.authorization) return null;
  if (request.method === "GET" && !passesCsrfCheck(headers)) return null;
  const hash = createHash("sha256").update(`${request.method} ${headers.accept ?? ""}\n`);
  if (typeof params === "string" || Buffer.isBuffer(params)) return hash.update(params).digest("base64url");
  const variables = typeof params.variables === "string" ? params.variables : JSON.stringify(params.variables ?? null);
  const extensions = typeof params.extensions === "string" ? params.extensions : JSON.stringify(params.extensions ?? null);
  return hash.update(JSON.stringify([params.query ?? null, params.operationName ?? null, variables, extensions])).digest("base64url");
}

const BUDGET_SUFFIX = ',"extensions":{"rateLimit":{';
const BUDGET_SEARCH_CHARS = 512;

/**
 * The part of a response every anonymous caller may get: the data, without the budget of the
 * caller it was computed for. Null for a response with errors or other extensions.
 */
function shareable(text: string): string | null {
  if (!text.startsWith('{"data":')) return null;
  // The budget, when present, is the last member, a few dozen characters long; the data
  // before it is kept as sent. (Searching only the end spares a scan of a long answer.)
  const end = Math.max(0, text.length - BUDGET_SEARCH_CHARS);
  const found = text.slice(end).lastIndexOf(BUDGET_SUFFIX);
  const budget = found === -1 ? -1 : end + found;
  const data = budget === -1 ? text : text.slice(0, budget);
  if (/"(errors|extensions)":/.test(data)) return checked(text);
  if (budget === -1) return text;
  const tail = text.slice(budget + BUDGET_SUFFIX.length).trimEnd();
  return /^[^{}]*\}\}\}$/.test(tail) ? `${data}}` : checked(text);
}

/** The careful path: parse the response and keep only plain data. */
function checked(text: string): string | null {
  let body: { data?: unknown; errors?: unknown; extensions?: Record<string, unknown> };
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  if (!body || typeof body !== "object" || body.errors || body.data === undefined) return null;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- rateLimit is set apart: any other extension keeps the answer out
  const { rateLimit, ...others } = body.extensions ?? {};
  if (Object.keys(others).length > 0) return null;
  return JSON.stringify({ data: body.data });
}

/** A shared body with the caller's budget in extensions.rateLimit: bytes joined, never decoded or copied. */
function withBudget(body: Buffer, budget: unknown): Buffer[] {
  const close = body.lastIndexOf(0x7d); // the body's final "}"
  return [body.subarray(0, close), Buffer.from(`,"extensions":{"rateLimit":${JSON.stringify(budget)}}}`)];
}
