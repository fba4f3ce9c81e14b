import type { FastifyInstance } from "fastify";
import { compress, encodedEtag, MIN_COMPRESSED_BYTES, preferredEncoding } from "../cache/encoding";
import { GRAPHQL_VARY, varyWith } from "../cache/etag";

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
    if (!encoding || body.length < MIN_COMPRESSED_BYTES) return payload;
    const etag = reply.getHeader("etag");
    if (typeof etag === "string") reply.header("etag", encodedEtag(etag, encoding));
    reply.header("content-encoding", encoding);
    reply.removeHeader("content-length");
    return compress(body, encoding);
  });
}
