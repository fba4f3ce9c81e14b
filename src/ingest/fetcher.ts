import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import type { Readable } from "node:stream";
import zlib from "node:zlib";
import { FetchError, parseRetryAfter } from "./fetch-error";
import { AllowList, checkLiteralHost, guardedLookup } from "./ssrf";

export const USER_AGENT = "Newsgate/0.1 (news aggregation gateway; +https://github.com/newsgate)";
export const DEFAULT_TIMEOUT_MS = 20_000;
export const DEFAULT_MAX_BYTES = 15 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

export interface FetchOptions {
  /** Hosts and networks that may be reached although private (FETCH_ALLOW_HOSTS). */
  allowHosts?: readonly string[];
  /** Validators of the last answer, for a conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  /** The whole exchange, redirects included (default 20 s). */
  timeoutMs?: number;
  /** The body after decompression (default 15 MiB). */
  maxBytes?: number;
  maxRedirects?: number;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** 304: not modified since the validators sent; the body is empty. */
  status: 200 | 304;
  /** The URL that answered, after redirects. */
  url: string;
  body: Buffer;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  retryAfterSeconds: number | null;
}

/**
 * GETs a feed safely: http and https only, at most `maxRedirects` redirects, each hop's
 * address checked against private ranges after DNS, gzip/deflate/brotli decoded as the
 * body streams in and aborted past `maxBytes`, the whole exchange within `timeoutMs`.
 */
export async function fetchFeed(url: string, options: FetchOptions = {}): Promise<FetchResult> {
  const allow = new AllowList(options.allowHosts ?? []);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new FetchError(`timed out after ${timeoutMs / 1000} s`)), timeoutMs);
  const onAbort = () => controller.abort(options.signal?.reason ?? new FetchError("fetch cancelled"));
  options.signal?.addEventListener("abort", onAbort, { once: true });
  try {
    let current = url;
    const seen = new Set<string>();
    for (let hop = 0; ; hop++) {
      const target = checkUrl(current, allow);
      seen.add(target.href);
      const response = await request(target, allow, options, controller.signal);
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && status !== 304 && response.headers.location) {
        response.resume();
        if (hop >= (options.maxRedirects ?? DEFAULT_MAX_REDIRECTS)) {
          throw new FetchError(`too many redirects (more than ${options.maxRedirects ?? DEFAULT_MAX_REDIRECTS}), last to ${response.headers.location}`);
        }
        const next = new URL(response.headers.location, target).href;
        if (seen.has(next)) throw new FetchError(`redirect loop: ${target.href} leads back to ${next}`);
        current = next;
        continue;
      }
      const common = {
        url: target.href,
        contentType: header(response, "content-type"),
        etag: header(response, "etag"),
        lastModified: header(response, "last-modified"),
        retryAfterSeconds: parseRetryAfter(header(response, "retry-after") ?? undefined),
      };
      if (status === 304) {
        response.resume();
        return Object.assign({}, common, { status: 304 as const, body: Buffer.alloc(0) });
      }
      if (status < 200 || status >= 300) {
        response.resume();
        throw new FetchError(`HTTP ${status} ${response.statusMessage ?? ""}`.trim(), status, common.retryAfterSeconds);
      }
      const body = await readBody(response, options.maxBytes ?? DEFAULT_MAX_BYTES, controller.signal);
      return Object.assign({}, common, { status: 200 as const, body });
    }
  } catch (error) {
    throw controller.signal.aborted && controller.signal.reason instanceof Error ? controller.signal.reason : error;
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onAbort);
  }
}

function checkUrl(text: string, allow: AllowList): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new FetchError(`"${text}" is not a URL: give an absolute http:// or https:// address`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`${url.protocol} URLs are not fetched (${text}): only http and https are`);
  }
  if (url.username || url.password) url.username = url.password = "";
  checkLiteralHost(url.hostname, allow);
  return url;
}

function header(response: IncomingMessage, name: string): string | null {
  const value = response.headers[name];
  return Array.isArray(value) ? (value[0] ?? null) : (value ?? null);
}

function request(url: URL, allow: AllowList, options: FetchOptions, signal: AbortSignal): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    "user-agent": USER_AGENT,
    accept: "application/rss+xml, application/atom+xml, application/feed+json, application/json, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
    "accept-encoding": "gzip, deflate, br",
  };
  if (options.etag) headers["if-none-match"] = options.etag;
  if (options.lastModified) headers["if-modified-since"] = options.lastModified;
  const lib = url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const req = lib.request(url, { method: "GET", headers, lookup: guardedLookup(allow) as never, agent: false, signal }, resolve);
    req.on("error", (error) => reject(error instanceof FetchError ? error : new FetchError(describe(error, url))));
    req.end();
  });
}

function describe(error: Error & { code?: string }, url: URL): string {
  if (error.name === "ForbiddenAddressError") return error.message;
  if (error.code === "ENOTFOUND") return `cannot resolve ${url.hostname}: check the feed URL`;
  if (error.code === "ECONNREFUSED") return `connection refused by ${url.host}`;
  return `${url.host}: ${error.message}`;
}

/** Reads the (decoded) body, failing as soon as it grows past `maxBytes`. */
function readBody(response: IncomingMessage, maxBytes: number, signal: AbortSignal): Promise<Buffer> {
  const declared = Number(response.headers["content-length"]);
  if (Number.isFinite(declared) && declared > maxBytes) {
    response.destroy();
    return Promise.reject(new FetchError(`body too large: ${declared} bytes announced, at most ${maxBytes} are read`));
  }
  let stream: Readable = response;
  const encoding = (header(response, "content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "gzip" || encoding === "x-gzip") stream = response.pipe(zlib.createGunzip());
  else if (encoding === "deflate") stream = response.pipe(zlib.createUnzip());
  else if (encoding === "br") stream = response.pipe(zlib.createBrotliDecompress());
  else if (encoding !== "identity" && encoding !== "") {
    response.destroy();
    return Promise.reject(new FetchError(`unsupported Content-Encoding "${encoding}"`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (error: Error) => {
      response.destroy();
      if (stream !== response) stream.destroy();
      reject(error);
    };
    signal.addEventListener("abort", () => fail(signal.reason as Error), { once: true });
    response.on("error", (error) => fail(new FetchError(`reading the body failed: ${error.message}`)));
    if (stream !== response) stream.on("error", (error) => fail(new FetchError(`cannot decode the ${encoding} body: ${error.message}`)));
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) fail(new FetchError(`body too large: more than ${maxBytes} bytes, the limit`));
      else chunks.push(chunk);
    });
    stream.on("end", () => resolve(Buffer.concat(chunks)));
  });
}
