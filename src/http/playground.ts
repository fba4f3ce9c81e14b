import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Config } from "../config";
import { findPlaygroundDir, loadPlaygroundBundle, type PlaygroundBundle } from "./playground-bundle";

/** The GraphQL endpoint; a browser that opens it gets the playground. */
const PLAYGROUND_PAGE = "/graphql";
/** Where the page's scripts, styles and workers are served (the build links them relative to the page). */
const PLAYGROUND_ASSETS = "/playground/assets/";

const OFF_TEXT =
  "The GraphQL playground is off on this server. Start it with PLAYGROUND=true to turn it on, " +
  "or send GraphQL requests as POST with content-type: application/json.\n";
const MISSING_TEXT = "The GraphQL playground has not been built: run `npm run build`, then start the server again.\n";

/** The page loads only what Newsgate serves itself; Monaco and GraphiQL inject inline styles. */
const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "worker-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Serves the GraphiQL playground when config.playground is on: a browser GET of /graphql
 * (Accept text/html, no `query` parameter) gets the page, and its assets come from
 * /playground/assets/. Every other request to /graphql, including a GET carrying a query,
 * goes on to Apollo untouched. When the playground is off, such a browser GET gets a short
 * 406 saying how to turn it on. Call it before Apollo is registered.
 */
export async function registerPlayground(app: FastifyInstance, config: Config): Promise<void> {
  const bundle = config.playground ? await loadBundle(app) : null;

  app.addHook("onRequest", async (request, reply) => {
    if (!isPlaygroundRequest(request)) return;
    if (!config.playground) return reply.code(406).type("text/plain; charset=utf-8").send(OFF_TEXT);
    if (!bundle) return reply.code(503).type("text/plain; charset=utf-8").send(MISSING_TEXT);
    return reply
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-cache")
      .header("vary", "accept")
      .header("content-security-policy", CONTENT_SECURITY_POLICY)
      .header("x-content-type-options", "nosniff")
      .header("referrer-policy", "no-referrer")
      .send(bundle.html);
  });

  if (bundle) {
    app.get<{ Params: { file: string } }>(`${PLAYGROUND_ASSETS}:file`, async (request, reply) =>
      sendAsset(bundle, request.params.file, request, reply),
    );
  }
}

/** The built bundle, or null (logged) when it is missing or unreadable: the API is served either way. */
async function loadBundle(app: FastifyInstance): Promise<PlaygroundBundle | null> {
  const dir = findPlaygroundDir();
  if (!dir) {
    app.log.warn("the playground is on but not built (no dist/playground/index.html): run `npm run build`");
    return null;
  }
  try {
    return await loadPlaygroundBundle(dir);
  } catch (error) {
    app.log.error({ err: error, dir }, "the playground bundle could not be read: run `npm run build`");
    return null;
  }
}

/** A browser opening the endpoint: GET, wants HTML, and carries no GraphQL query to run. */
function isPlaygroundRequest(request: FastifyRequest): boolean {
  if (request.method !== "GET" || request.routeOptions.url !== PLAYGROUND_PAGE) return false;
  const query = request.query as Record<string, unknown> | undefined;
  if (query && Object.hasOwn(query, "query")) return false;
  return acceptsHtml(request.headers.accept);
}

/** True when Accept lists text/html with a non-zero weight; a bare wildcard, as curl sends, does not count. */
function acceptsHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(",").some((range) => {
    const [type, ...params] = range.split(";").map((part) => part.trim().toLowerCase());
    if (type !== "text/html") return false;
    const weight = params.find((p) => p.startsWith("q="));
    return weight === undefined || Number(weight.slice(2)) > 0;
  });
}

/** One file of the bundle, gzipped when the client takes it; its hashed name lets it be cached for good. */
function sendAsset(bundle: PlaygroundBundle, file: string, request: FastifyRequest, reply: FastifyReply) {
  const asset = bundle.assets.get(file);
  if (!asset) return reply.code(404).type("text/plain; charset=utf-8").send("No such playground asset.\n");
  reply
    .type(asset.contentType)
    .header("cache-control", "public, max-age=31536000, immutable")
    .header("x-content-type-options", "nosniff");
  if (!asset.gzip) return reply.send(asset.body);
  reply.header("vary", "accept-encoding");
  if (!/\bgzip\b/.test(request.headers["accept-encoding"] ?? "")) return reply.send(asset.body);
  return reply.header("content-encoding", "gzip").send(asset.gzip);
}
