import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { ClientIdentity } from "./client-identity";
import { operationCost } from "./operation-cost";
import type { RateLimiter } from "./rate-limiter";
import { rateLimitedError, rateLimitHeaders, reportOf } from "./rate-limit-report";
import type { Usage } from "./rate-limit-store";

/**
 * The header that carries the client identity from the HTTP layer to Apollo. The HTTP
 * layer always sets it on /graphql, overwriting whatever a client sent.
 */
export const CLIENT_HEADER = "x-newsgate-rate-limit-client";

/** Encodes an identity for CLIENT_HEADER. */
export function encodeClient(client: ClientIdentity): string {
  return `${client.kind} ${client.id}`;
}

function decodeClient(value: string | undefined): ClientIdentity | null {
  const match = /^(key|address) (\S+)$/.exec(value ?? "");
  return match ? { kind: match[1] as ClientIdentity["kind"], id: match[2] } : null;
}

/**
 * Charges each GraphQL request its operation's cost once the operation is known, and
 * refuses it with RATE_LIMITED (HTTP 429, Retry-After) when the cost does not fit in what
 * remains. A request that never gets that far (a parse or validation error) costs 1.
 * Every response carries the x-ratelimit-* headers and, with `extensions` on, the same
 * numbers in `extensions.rateLimit`.
 */
export function rateLimitPlugin<TContext extends BaseContext>(limiter: RateLimiter, extensions: boolean): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart({ request }) {
      const client = decodeClient(request.http?.headers.get(CLIENT_HEADER));
      if (!client) return;
      let usage: Usage | null = null;
      return {
        async didResolveOperation({ schema, document, operation }) {
          const cost = operation ? Math.max(1, operationCost(schema, document, operation)) : 1;
          const charge = await limiter.charge(client, cost);
          usage = charge;
          if (!charge.allowed) throw rateLimitedError(charge, limiter.clock(), cost);
        },
        async willSendResponse({ response }) {
          usage ??= await limiter.charge(client, 1);
          for (const [name, value] of Object.entries(rateLimitHeaders(usage))) response.http.headers.set(name, value);
          // GET answers stay the same bytes for every caller (HTTP caches, ETags): the budget is in the headers.
          if (extensions && response.body.kind === "single" && request.http?.method !== "GET") {
            const result = response.body.singleResult;
            result.extensions = Object.assign({}, result.extensions, { rateLimit: reportOf(usage) });
          }
        },
      };
    },
  };
}
