/** One cached GraphQL response: the exact bytes sent, and what they were computed from. */
export interface CachedResponse {
  body: Buffer;
  contentType: string;
  cacheControl: string;
  /** The other headers the answer was sent with that every caller gets (CORS, for one). */
  headers: Record<string, string>;
  /** The strong ETag of the uncompressed bytes, made on the first GET that needs it (see etagOfEntry). */
  etag?: string;
  /** The bytes compressed, made once per encoding on first demand. */
  encoded: { br?: Buffer; gzip?: Buffer };
  /** The rate limit points its operation costs; a hit is charged the same. */
  cost: number;
  /** The store's change number before the response was computed. */
  version: number;
  /** When the response stops being fresh (its max-age), in ms since the epoch. */
  expires: number;
}

/**
 * Answers that can be sent again without running GraphQL. An entry is good while the store
 * has not changed since it was computed (the change number is the same) and its max-age
 * has not passed; least recently used entries go first when the cache is full.
 */
export class ResponseCache {
  private readonly entries = new Map<string, CachedResponse>();
  private bytes = 0;

  constructor(
    private readonly maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The entry for a key if it is still good for the store at `version`. */
  get(key: string, version: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.expires <= this.now()) {
      this.delete(key);
      return undefined;
    }
    // Re-insert: a Map keeps insertion order, so the oldest entry is the least recently used.
    this.entries.delete(key);
    this.entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: CachedResponse): void {
    if (entry.body.length > this.maxBytes / 10) return;
    this.delete(key);
    this.entries.set(key, entry);
    this.bytes += entry.body.length;
    for (const [oldest, old] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.bytes -= old.body.length;
    }
  }

  private delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.bytes -= entry.body.length;
  }
}
