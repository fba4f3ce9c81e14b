/**
 * A Map that keeps at most `limit` worth of entries: setting one more drops the least recently
 * used (a Map iterates in insertion order, and every read re-inserts what it finds). Each
 * entry weighs 1 unless `weigh` says otherwise (the response cache weighs answers by bytes).
 */
export class LruMap<K, V> {
  private readonly entries = new Map<K, V>();
  private total = 0;

  constructor(
    readonly limit: number,
    private readonly weigh: (value: V) => number = () => 1,
  ) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`an LruMap needs a limit of at least 1, not ${limit}`);
  }

  get size(): number {
    return this.entries.size;
  }

  /** The weight of every entry together. */
  get weight(): number {
    return this.total;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  get(key: K): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.delete(key);
    this.entries.set(key, value);
    this.total += this.weigh(value);
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.limit) break;
      this.entries.delete(oldest);
      this.total -= this.weigh(old);
    }
  }

  delete(key: K): void {
    const value = this.entries.get(key);
    if (value === undefined) return;
    this.entries.delete(key);
    this.total -= this.weigh(value);
  }
}
