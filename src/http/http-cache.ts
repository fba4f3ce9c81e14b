import { createHash } from "node:crypto";
import type { FastifyInstance } from "fastify";

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

/** What a GraphQL answer depends on besides the URL and body: the media type and encoding asked for. */
export const GRAPHQL_VARY = "accept, accept-encoding";

/**
 * A Vary header naming what `existing` names and `names` too, each once (CORS adds Origin
 * where the allowed origin is echoed; answers must keep it for shared caches).
 */
export function varyWith(existing: unknown, names: string): string {
  const list: string[] = [];
  const seen = new Set<string>();
  for (const name of `${Array.isArray(existing) ? existing.join(",") : (existing ?? "")},${names}`.split(",")) {
    const trimmed = name.trim();
    if (trimmed && !seen.has(trimmed.toLowerCase())) {
      seen.add(trimmed.toLowerCase());
      list.push(trimmed);
    }
  }
  return list.join(", ");
}

/** The strong ETag of a body: a hash of its bytes. */
export const etagOf = (body: string | Buffer): string => `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;

/** True when If-None-Match names the ETag, in any encoding (see encodedEtag). */
export function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const base = etag.slice(0, -1);
  return ifNoneMatch.split(",").some((tag) => {
    const candidate = tag.trim().replace(/^W\//, "");
    return candidate === etag || candidate === `${base}-br"` || candidate === `${base}-gzip"`;
  });
}
