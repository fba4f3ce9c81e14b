import type { FastifyInstance } from "fastify";
import { etagOf, GRAPHQL_VARY, matches, varyWith } from "../cache/etag";

/**
 * HTTP caching for GraphQL over GET, so that browsers, apps and CDNs can keep what they
 * fetched: every successful GET answer carries a strong ETag (a hash of its bytes), and a
 * request whose If-None-Match names it (in any encoding) gets 304 Not Modified without the
 * body. Answers that carry an ETag already (response cache hits) are left alone. The
 * Cache-Control header comes from the operation's cache policy (see cache hints).
 */
export function registerHttpCaching(app: FastifyInstance): void {
  app.addHook("onSend", async (request, reply, payload) => {
    if (request.method !== "GET" || reply.statusCode !== 200 || !request.url.startsWith("/graphql?")) return payload;
    if ((typeof payload !== "string" && !Buffer.isBuffer(payload)) || reply.hasHeader("etag")) return payload;
    const etag = etagOf(payload);
    reply.header("etag", etag);
    reply.header("vary", varyWith(reply.getHeader("vary"), GRAPHQL_VARY));
    if (matches(request.headers["if-none-match"], etag)) {
      reply.code(304);
      reply.removeHeader("content-length");
      return "";
    }
    return payload;
  });
}
