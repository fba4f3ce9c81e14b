import { GraphQLError } from "graphql";
import type { Usage } from "./rate-limit-store";

/** The budget as reported in `extensions.rateLimit`; `reset` is in seconds since the epoch, like the header. */
export interface RateLimitReport {
  limit: number;
  remaining: number;
  used: number;
  reset: number;
}

export const RATE_LIMIT_HEADERS = ["x-ratelimit-limit", "x-ratelimit-remaining", "x-ratelimit-used", "x-ratelimit-reset", "retry-after"];

/** The usage in the shape clients read: whole seconds for the reset. */
export function reportOf(usage: Usage): RateLimitReport {
  return { limit: usage.limit, remaining: usage.remaining, used: usage.used, reset: Math.ceil(usage.resetAt / 1000) };
}

/** The x-ratelimit-* headers of a response. */
export function rateLimitHeaders(usage: Usage): Record<string, string> {
  const report = reportOf(usage);
  return {
    "x-ratelimit-limit": String(report.limit),
    "x-ratelimit-remaining": String(report.remaining),
    "x-ratelimit-used": String(report.used),
    "x-ratelimit-reset": String(report.reset),
  };
}

/** Whole seconds until the budget is whole again (at least 1), for Retry-After. */
export function retryAfterSeconds(usage: Usage, now: number): number {
  return Math.max(1, Math.ceil((usage.resetAt - now) / 1000));
}

/**
 * Says why a request was refused and when to come back. `cost` is the request's cost when
 * known; a cost above the whole budget can never be paid, so the message says to ask for less.
 */
export function rateLimitMessage(usage: Usage, now: number, cost: number | null): string {
  const seconds = retryAfterSeconds(usage, now);
  const at = new Date(usage.resetAt).toISOString();
  if (cost !== null && cost > usage.limit) {
    return `This request costs ${cost} points, more than the whole budget of ${usage.limit} points per window; ask for smaller pages (first/last) or fewer nested lists.`;
  }
  const spent = cost === null
    ? `All ${usage.limit} points of this window are spent`
    : `This request costs ${cost} points but only ${usage.remaining} of ${usage.limit} remain in this window`;
  return `Rate limit exceeded: ${spent}. Retry after ${seconds} s (at ${at}), when the budget is whole again.`;
}

/** The RATE_LIMITED error, with HTTP 429 and Retry-After for Apollo to answer with. */
export function rateLimitedError(usage: Usage, now: number, cost: number | null): GraphQLError {
  const seconds = retryAfterSeconds(usage, now);
  const headers = new Map<string, string>([["retry-after", String(seconds)]]);
  return new GraphQLError(rateLimitMessage(usage, now, cost), {
    extensions: { code: "RATE_LIMITED", retryAfter: seconds, http: { status: 429, headers } },
  });
}
