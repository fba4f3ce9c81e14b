/** Per-client rate limits on /graphql: budgets of cost points per window, reported on every response. */
export { identifyClient, addressKey, type ClientIdentity, type RequestOrigin } from "./client-identity";
export { MemoryRateLimitStore } from "./memory-store";
export { operationCost } from "./operation-cost";
export { rateLimitPlugin } from "./rate-limit.plugin";
export { rateLimitedError, rateLimitMessage, reportOf, type RateLimitReport } from "./rate-limit-report";
export type { Budget, Charge, RateLimitStore, Usage } from "./rate-limit-store";
export { RateLimiter, type Clock } from "./rate-limiter";
export { registerRateLimits, type RateLimitOptions } from "./register-rate-limits";
