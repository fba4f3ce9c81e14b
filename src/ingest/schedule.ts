/** The shortest wait between two fetches of a source, whatever the feed or server asks. */
export const MIN_INTERVAL_SECONDS = 60;
/** The longest wait: after many failures, or when a feed's ttl or Retry-After asks for more. */
export const MAX_INTERVAL_SECONDS = 24 * 60 * 60;

const clamp = (seconds: number) => Math.min(MAX_INTERVAL_SECONDS, Math.max(MIN_INTERVAL_SECONDS, seconds));

/**
 * When to fetch a source again after a success: its own interval, lengthened to the feed's
 * RSS ttl or the server's Retry-After when they ask for longer, within 1 minute and 24 hours.
 */
export function nextAfterSuccess(now: Date, intervalSeconds: number, hints: { ttlMinutes?: number | null; retryAfterSeconds?: number | null } = {}): Date {
  const wait = Math.max(intervalSeconds, (hints.ttlMinutes ?? 0) * 60, hints.retryAfterSeconds ?? 0);
  return new Date(now.getTime() + clamp(wait) * 1000);
}

/**
 * When to try again after the `failures`-th failure in a row: the interval doubled per
 * failure, with ±20 % jitter so that sources failing together spread out, at most 24
 * hours; never sooner than a Retry-After. A source is never disabled, only slowed.
 */
export function nextAfterFailure(now: Date, intervalSeconds: number, failures: number, retryAfterSeconds?: number | null, random = Math.random): Date {
  const exponent = Math.min(Math.max(failures - 1, 0), 20);
  const base = Math.min(MAX_INTERVAL_SECONDS, intervalSeconds * 2 ** exponent);
  const jittered = base * (0.8 + 0.4 * random());
  return new Date(now.getTime() + clamp(Math.max(jittered, retryAfterSeconds ?? 0)) * 1000);
}
