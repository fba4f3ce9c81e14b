/** A fetch that did not yield a feed: the message says what went wrong and, where it can, what to change. */
export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** The server's Retry-After, in seconds, when it sent one. */
    readonly retryAfterSeconds?: number | null,
  ) {
    super(message);
  }
}

/** Retry-After as seconds from now (delta-seconds or an HTTP date), or null. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | null {
  if (!value) return null;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text);
  const at = Date.parse(text);
  return Number.isNaN(at) ? null : Math.max(0, Math.round((at - now) / 1000));
}
