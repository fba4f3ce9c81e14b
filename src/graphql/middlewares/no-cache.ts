import type { MiddlewareFn } from "type-graphql";

/**
 * Marks a field as never cacheable (maxAge 0): a response that includes it gets no shared
 * cache lifetime. For fields that change without an article changing, such as a source's
 * fetch health.
 */
export const NoCache: MiddlewareFn = ({ info }, next) => {
  (info as unknown as { cacheControl?: { setCacheHint(hint: { maxAge: number }): void } }).cacheControl?.setCacheHint({ maxAge: 0 });
  return next();
};
