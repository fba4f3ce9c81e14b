import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";

/**
 * HTTP caching for GraphQL over GET, so that browsers, apps and CDNs can keep what they
 * fetched: every successful GET answer carries a strong ETag (a hash of its bytes), and a
 * request whose If-None-Match names it gets 304 Not Modified without the body. The
 * Cache-Control header comes from the operation's cache policy (see cache hints).
 */
export function registerHttpCaching(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" || reply.statusCode !== 200 || !request.url.startsWith("/graphql?")) return payload;
    if (typeof payload !== "string" && !Buffer.isBuffer(payload)) return payload;
    const etag = `"${createHash("sha256").update(payload).digest("base64url").slice(0, 32)}"`;
    reply.header("etag", etag);
    reply.header("vary", "accept, accept-encoding");
    const wanted = request.headers["if-none-match"];
    if (wanted && wanted.split(",").some((tag) => tag.trim().replace(/^W\//, "") === etag)) {
      reply.code(304);
      reply.removeHeader("content-length");
      return "";
    }
    return payload;
  });
}
