/**
 * Field extensions of a field whose value must never be kept by shared caches: it changes
 * without any article, tag or source changing (a source's fetch health). A query that
 * selects one is answered with `Cache-Control: no-store` and is not kept by the response
 * cache (see src/http/cache-policy.ts).
 */
export const NO_CACHE = { noCache: true } as const;
