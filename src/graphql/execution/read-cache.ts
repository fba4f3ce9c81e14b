/**
 * Store reads shared by the query requests made at one change number.
 *
 * Every commit that changes an article, tag, image, link or source moves the store's change
 * number (see the change_counter triggers). What a query read by id at number N — an
 * article, its tags, images, links and related news, a source, a count — stays true until
 * the number moves, so the next query made at N takes it from here instead of the database.
 * A request made at another number gets another generation: reads are never served across
 * a change, and nothing waits for a TTL.
 *
 * A request's reads may come after a commit that its change number does not show yet; they
 * are then newer than the number they are kept under, never older, and are dropped with it.
 * Mutations never use a generation (see readCachePlugin), so they always read what they wrote.
 */
export class ReadGeneration {
  private readonly kinds = new Map<string, Map<unknown, unknown>>();
  private entries = 0;

  constructor(
    readonly version: number,
    private readonly maxEntries: number,
  ) {}

  /** The kept value, or `undefined` when there is none (`null` is a kept "not found"). */
  get<V>(kind: string, key: unknown): V | undefined {
    return this.kinds.get(kind)?.get(key) as V | undefined;
  }

  set(kind: string, key: unknown, value: unknown): void {
    if (this.entries >= this.maxEntries) return;
    let values = this.kinds.get(kind);
    if (!values) this.kinds.set(kind, (values = new Map()));
    if (!values.has(key)) this.entries += 1;
    values.set(key, value);
  }

  get full(): boolean {
    return this.entries >= this.maxEntries;
  }
}

export class ReadCache {
  private current: ReadGeneration | null = null;

  /** `maxEntries` values at most per change number; 0 turns the cache off. */
  constructor(private readonly maxEntries: number) {}

  /**
   * The generation for a query made at `version`; null when the cache is off, or for a
   * request made before the newest change seen (what it reads may already be replaced).
   */
  at(version: number): ReadGeneration | null {
    if (this.maxEntries <= 0 || (this.current && version < this.current.version)) return null;
    // A full generation is replaced too: requests still holding it finish with it, new
    // ones start filling a fresh one with what is asked for now.
    if (!this.current || this.current.version !== version || this.current.full) {
      this.current = new ReadGeneration(version, this.maxEntries);
    }
    return this.current;
  }
}
