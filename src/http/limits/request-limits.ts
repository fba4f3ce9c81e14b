import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { LimitsConfig } from "../../config";
import { querySizeProblem } from "./query-size";

const GRAPHQL_RESPONSE = "application/graphql-response+json";

/**
 * Guards the GraphQL endpoint at the HTTP layer, before Apollo parses anything:
 * - a body over Fastify's bodyLimit (set it to `limits.bodyBytes`) gets 413 with a
 *   GraphQL-shaped JSON error naming the limit instead of Fastify's generic error;
 * - a query (POST body or GET parameter) over the length or token limit gets 400 with a
 *   GRAPHQL_VALIDATION_FAILED error, the same shape Apollo gives the other limits.
 *   Apollo itself cannot answer this from a plugin: an error thrown before parsing
 *   becomes an internal server error there.
 * Call it before the GraphQL route is registered so the route inherits both.
 */
export function registerRequestLimits(app: FastifyInstance, limits: LimitsConfig, path = "/graphql"): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error.code !== "FST_ERR_CTP_BODY_TOO_LARGE") return reply.send(error);
    const message = `Request body exceeds the maximum of ${limits.bodyBytes} bytes; send a shorter query or fewer variables.`;
    return sendErrors(request, reply, 413, message, "PAYLOAD_TOO_LARGE");
  });

  app.addHook("preHandler", async (request, reply) => {
    if (request.routeOptions.url !== path) return;
    const query = request.method === "GET" ? (request.query as Record<string, unknown> | undefined)?.query : queryOfBody(request.body);
    const problem = querySizeProblem(query, limits);
    if (problem) return sendErrors(request, reply, 400, problem, "GRAPHQL_VALIDATION_FAILED");
  });
}

function queryOfBody(body: unknown): unknown {
  return body !== null && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>).query : undefined;
}

/** Answers in the media type the client asked for, as Apollo does for its own errors. */
function sendErrors(request: FastifyRequest, reply: FastifyReply, status: number, message: string, code: string) {
  const type = request.headers.accept?.includes(GRAPHQL_RESPONSE) ? GRAPHQL_RESPONSE : "application/json";
  return reply
    .code(status)
    .type(`${type}; charset=utf-8`)
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
