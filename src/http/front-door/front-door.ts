import { randomUUID } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { Logger } from "pino";
import type { CacheAnswer, ResponseCacheService } from "../../cache/response-cache";
import { httpDuration, preparedAnswers } from "../../metrics";
import { logRequest } from "../request-log";

const JSON_TYPE = /^application\/json\s*(;|$)/i;

export interface FrontDoorOptions {
  cache: () => ResponseCacheService | null;
  log: Logger;
  /** The largest body the server takes (Fastify's bodyLimit). */
  bodyLimit: number;
}

/**
 * The front door of the HTTP server. A GraphQL request the response cache can answer is
 * answered here, from the cached bytes, before the framework routes, parses or runs any hook;
 * every other request goes on to Fastify unchanged (a POST body read here is handed on).
 *
 * A miss whose query the GraphQL route has answered before is run here too, when it is
 * prepared (see PreparedQueries): compiled, through the read cache, and stored like any miss.
 *
 * It serves what browsers do not send: requests with an Origin header (which need CORS
 * answers) go the framework's way, where the GraphQL route looks up the same cache.
 * An answer gets what the framework would give it: a request id, rate limit headers and
 * budget, the duration and operation metrics and one request log line.
 */
export class FrontDoor {
  private readonly bodies = new WeakMap<IncomingMessage, Buffer>();
  private closing = false;

  constructor(private readonly options: FrontDoorOptions) {}

  /** Wraps the framework's request listener. */
  listener(next: RequestListener): RequestListener {
    return (req, res) => {
      if (!this.eligible(req)) return next(req, res);
      if (req.method === "GET") return this.answerOrPass(req, res, next, (req.url as string).slice("/graphql?".length));
      this.readBody(req, res, next);
    };
  }

  /** Fastify's side: a body read at the front door is replayed to the body parser. */
  register(app: FastifyInstance): void {
    app.addHook("preParsing", async (request, _reply, payload) => {
      const body = this.bodies.get(request.raw);
      if (!body) return payload;
      this.bodies.delete(request.raw);
      const replay = Readable.from([body]) as Readable & { receivedEncodedLength?: number };
      replay.receivedEncodedLength = body.length;
      return replay;
    });
    app.addHook("preClose", async () => {
      this.closing = true;
    });
  }

  private eligible(req: IncomingMessage): boolean {
    const cache = this.options.cache();
    if (this.closing || !cache) return false;
    const { headers, method, url } = req;
    if (headers.origin !== undefined || headers.authorization !== undefined || url === undefined) return false;
    if (method === "GET") return url.startsWith("/graphql?");
    if (method !== "POST" || url !== "/graphql" || headers["transfer-encoding"] !== undefined) return false;
    const length = Number(headers["content-length"]);
    return length > 0 && length <= this.options.bodyLimit && JSON_TYPE.test(headers["content-type"] ?? "");
  }

  private readBody(req: IncomingMessage, res: ServerResponse, next: RequestListener): void {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
    };
    const done = (error?: Error) => {
      req.off("data", onData).off("end", onEnd).off("error", done);
      if (error) return; // the connection is gone
      const body = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, size);
      this.bodies.set(req, body);
      this.answerOrPass(req, res, next, body);
    };
    const onEnd = () => done();
    req.on("data", onData).on("end", onEnd).on("error", done);
  }

  /** As `answer`; whatever goes wrong here, the request goes on to the framework, or its connection is closed. */
  private answerOrPass(req: IncomingMessage, res: ServerResponse, next: RequestListener, params: string | Buffer): void {
    this.answer(req, res, next, params).catch((error: unknown) => {
      this.options.log.warn({ err: error }, "answering from the response cache failed; answering without it");
      if (!res.headersSent) next(req, res);
      else res.destroy();
    });
  }

  /**
   * Looks the request up by its parameters as sent: a hit is answered, and so is a miss whose
   * query is prepared (see PreparedQueries); anything else goes on.
   */
  private async answer(req: IncomingMessage, res: ServerResponse, next: RequestListener, params: string | Buffer): Promise<void> {
    const started = process.hrtime.bigint();
    const cache = this.options.cache();
    const request = { method: req.method as string, headers: req.headers, params, remoteAddress: req.socket.remoteAddress };
    const found = cache ? await cache.lookup(request) : null;
    if (found && "answer" in found) return this.send(req, res, found.answer, started, "HIT");
    if (!found || !cache) return next(req, res);
    const ran = await cache.answerMiss(request, found.slot);
    if (ran) {
      preparedAnswers.inc();
      return this.send(req, res, ran, started, "MISS");
    }
    cache.keepSlot(req, found.slot);
    return next(req, res);
  }

  /** Writes an answer, with what the framework would give it: a request id, the duration metric and one log line. */
  private send(req: IncomingMessage, res: ServerResponse, answer: CacheAnswer, started: bigint, cache: "HIT" | "MISS"): void {
    const { status, headers, storedHeaders, body } = answer;
    const requestId = headerValue(req.headers["x-request-id"]) ?? randomUUID();
    const length = body.reduce((sum, part) => sum + part.length, 0);
    const sent: Record<string, string> = Object.assign({}, storedHeaders, headers);
    sent["x-request-id"] = requestId;
    if (status !== 304) sent["content-length"] = String(length);
    res.writeHead(status, sent);
    for (let i = 0; i < body.length - 1; i++) res.write(body[i]);
    res.end(body[body.length - 1]);
    this.bodies.delete(req);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    httpDuration.observe({ method: req.method as string, route: "/graphql", status: String(status) }, seconds);
    logRequest(this.options.log, { requestId, method: req.method as string, url: req.url as string, status, seconds, cache });
  }
}

function headerValue(value: string | string[] | undefined): string | undefined {
  const first = Array.isArray(value) ? value[0] : value;
  return first ? first : undefined;
}

