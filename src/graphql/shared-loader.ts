import DataLoader from "dataloader";
import type { ReadGeneration } from "./read-cache";

/** What a loader answers: the value itself when it is kept, else its promise. */
export type Loaded<T> = T | Promise<T>;

/**
 * A per-request DataLoader in front of the read cache: a key the request's generation holds
 * is answered at once, synchronously, so its field resolves without a promise; the others
 * are batched into one statement as before, and what it returns is kept in the generation.
 */
export class SharedLoader<K, V> {
  private readonly loader: DataLoader<K, V>;

  constructor(
    /** The generation's name for these values; one per loader kind and argument set. */
    private readonly kind: string,
    /** The request's generation, once its operation is known to be a query; null otherwise. */
    private readonly generation: () => ReadGeneration | null,
    batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
    options?: DataLoader.Options<K, V>,
  ) {
    this.loader = new DataLoader(async (keys) => {
      const values = await batch(keys);
      const kept = generation();
      if (kept) keys.forEach((key, i) => !(values[i] instanceof Error) && kept.set(kind, key, values[i]));
      return values;
    }, options);
  }

  load(key: K): Loaded<V> {
    const kept = this.generation()?.get<V>(this.kind, key);
    return kept !== undefined ? kept : this.loader.load(key);
  }

  loadMany(keys: readonly K[]): Promise<(V | Error)[]> {
    return Promise.all(keys.map((key) => Promise.resolve(this.load(key)).catch((error: Error) => error)));
  }

  /** For this request only: rows read by a list are not what a read by id returns (no body). */
  prime(key: K, value: V): this {
    this.loader.prime(key, value);
    return this;
  }

  clear(key: K): this {
    this.loader.clear(key);
    return this;
  }
}
