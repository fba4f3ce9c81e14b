import DataLoader from "dataloader";
import type { ReadGeneration } from "./read-cache";

/** What a loader answers: the value itself when it is kept, else its promise. */
export type Loaded<T> = T | Promise<T>;

/** The values of several loads: at once when every one was kept, else when the last arrives. */
export function allLoaded<T>(values: Loaded<T>[]): Loaded<T[]> {
  return values.some((value) => value instanceof Promise) ? Promise.all(values) : (values as T[]);
}

/** `f` of a loaded value: at once when it was kept, else when it arrives. */
export function mapLoaded<T, U>(value: Loaded<T>, f: (value: T) => U): Loaded<U> {
  return value instanceof Promise ? value.then(f) : f(value);
}

/**
 * A per-request DataLoader in front of the read cache: a key the request's generation holds
 * is answered at once, synchronously, so its field resolves without a promise; the others
 * are batched into one statement as before, and what it returns is kept in the generation.
 */
export class SharedLoader<K, V> {
  /** Made on the first key the generation does not hold: a request answered from memory makes none. */
  private loader: DataLoader<K, V> | null = null;
  /** Values this request was given (see prime), answered at once after the generation's. */
  private readonly primed = new Map<K, V>();

  constructor(
    /** The generation's name for these values; one per loader kind and argument set. */
    private readonly kind: string,
    /** The request's generation, once its operation is known to be a query; null otherwise. */
    private readonly generation: () => ReadGeneration | null,
    private readonly batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
    private readonly options?: DataLoader.Options<K, V>,
  ) {}

  load(key: K): Loaded<V> {
    const kept = this.generation()?.get<V>(this.kind, key);
    if (kept !== undefined) return kept;
    const primed = this.primed.get(key);
    return primed !== undefined ? primed : this.dataLoader().load(key);
  }

  loadMany(keys: readonly K[]): Promise<(V | Error)[]> {
    return Promise.all(keys.map((key) => Promise.resolve(this.load(key)).catch((error: Error) => error)));
  }

  /** For this request only: rows read by a list are not what a read by id returns (no body). */
  prime(key: K, value: V): this {
    if (!this.primed.has(key)) this.primed.set(key, value);
    return this;
  }

  clear(key: K): this {
    this.primed.delete(key);
    this.loader?.clear(key);
    return this;
  }

  private dataLoader(): DataLoader<K, V> {
    this.loader ??= new DataLoader(async (keys) => {
      const values = await this.batch(keys);
      const kept = this.generation();
      if (kept) keys.forEach((key, i) => !(values[i] instanceof Error) && kept.set(this.kind, key, values[i]));
      return values;
    }, this.options);
    return this.loader;
  }
}
