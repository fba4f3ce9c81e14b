import { LruMap } from "./lru-map";

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
 * How many keys of answers not stored the cache remembers, twice over (see ResponseCache):
 * a request asked again within the next 50,000 to 100,000 answers that were not stored is
 * recognised.
 */
export const SEEN_ONCE_KEYS = 50_000;

/**
 * Answers that can be sent again without running GraphQL. An entry is good while the store
 * has not changed since it was computed (the change number is the same) and its max-age
 * has not passed; least recently used entries go first when the cache is full.
 *
 * An answer is stored the second time its request is answered, not the first. Most misses
 * are never asked again (a variable new on every request, a random cursor, a dashboard's
 * one-off filter); storing each of them evicted entries that are read, and every stored
 * answer nobody reads again was old-generation garbage for V8 to collect, in pauses of 10 ms
 * and more that every request waiting at the time paid for. The keys seen once are kept as
 * 30-bit hashes, in two sets that take turns (the older one is dropped when the newer one
 * fills); a hash shared by two keys only stores an answer one request early.
 */
export class ResponseCache {
  private readonly entries: LruMap<string, CachedResponse>;
  private seenOnce = new Set<number>();
  private seenBefore = new Set<number>();

  constructor(
    maxBytes: number,
    private readonly now: () => number = Date.now,
  ) {
    this.entries = new LruMap(maxBytes, (entry) => entry.body.length);
  }

  /** The entry for a key if it is still good for the store at `version`. */
  get(key: string, version: number): CachedResponse | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version !== version || entry.expires <= this.now()) {
      this.entries.delete(key);
      // Its next answer is stored again at once: the request has been asked before.
      this.remember(hashOf(key));
      return undefined;
    }
    return entry;
  }

  /** Stores an answer if its request was answered before (see above); true when stored. */
  set(key: string, entry: CachedResponse): boolean {
    if (entry.body.length > this.entries.limit / 10 || !this.seenBeforeNow(key)) return false;
    this.entries.set(key, entry);
    return true;
  }

  /** Whether the key was seen before; if not, it is remembered as seen once. */
  private seenBeforeNow(key: string): boolean {
    if (this.entries.has(key)) return true;
    const hash = hashOf(key);
    if (this.seenOnce.has(hash) || this.seenBefore.has(hash)) return true;
    this.remember(hash);
    return false;
  }

  private remember(hash: number): void {
    if (this.seenOnce.size >= SEEN_ONCE_KEYS) {
      this.seenBefore = this.seenOnce;
      this.seenOnce = new Set();
    }
    this.seenOnce.add(hash);
  }
}

/** FNV-1a over the key's UTF-16 code units, cut to 30 bits (a small integer for V8, never a heap number). */
function hashOf(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash & 0x3fffffff;
}
