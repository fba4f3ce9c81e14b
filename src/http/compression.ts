import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { GRAPHQL_VARY, varyWith } from "./http-cache";

export type Encoding = "br" | "gzip";

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Below this, compression costs more than it saves. */
const MIN_BYTES = 1024;

/** The encoding to answer with: brotli where the client takes it, else gzip, else none. */
export function preferredEncoding(acceptEncoding: string | undefined): Encoding | null {
  if (!acceptEncoding) return null;
  const accepted = new Set(
    acceptEncoding
      .split(",")
      .map((part) => part.trim().toLowerCase().split(";"))
      .filter(([, q]) => !/^\s*q=0(\.0*)?\s*$/.test(q ?? ""))
      .map(([name]) => name),
  );
  return accepted.has("br") ? "br" : accepted.has("gzip") ? "gzip" : null;
}

/** Compresses a response body; brotli at a level fast enough to run per request. */
export function compress(body: Buffer, encoding: Encoding): Promise<Buffer> {
  return encoding === "br"
    ? brotli(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } })
    : gzipAsync(body, { level: 6 });
}

/** The ETag of one encoding of a representation: strong ETags differ per encoding. */
export const encodedEtag = (etag: string, encoding: Encoding | null): string => (encoding ? `${etag.slice(0, -1)}-${encoding}"` : etag);

/**
 * Compresses GraphQL answers for clients that accept brotli or gzip (mobile apps save most).
 * Answers that are compressed already (response cache hits keep their compressed bytes) are
 * left alone. Register it after every other onSend hook: it works on the final bytes.
 */
export function registerCompression(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.routeOptions.url !== "/graphql" || reply.statusCode !== 200 || reply.hasHeader("content-encoding")) return payload;
    if ((typeof payload !== "string" && !Buffer.isBuffer(payload)) || !/json/.test(String(reply.getHeader("content-type") ?? ""))) return payload;
    const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload);
    const encoding = preferredEncoding(request.headers["accept-encoding"]);
    reply.header("vary", varyWith(reply.getHeader("vary"), GRAPHQL_VARY));
    if (!encoding || body.length < MIN_BYTES) return payload;
    const etag = reply.getHeader("etag");
    if (typeof etag === "string") reply.header("etag", encodedEtag(etag, encoding));
    reply.header("content-encoding", encoding);
    reply.removeHeader("content-length");
    return compress(body, encoding);
  });
}
