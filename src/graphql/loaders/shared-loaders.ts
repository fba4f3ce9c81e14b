import type DataLoader from "dataloader";
import type { ReadGeneration } from "../execution/read-cache";
import { SharedLoader } from "../execution/shared-loader";

/** The request's read-cache generation, once its operation is known to be a query; null otherwise. */
export type GenerationOf = () => ReadGeneration | null;

/**
 * Loaders of leaf relations wait for the event loop's next turn: by then the related
 * articles (whose statement goes out first) have been read and asked for their own tags,
 * images and sources, which then ride along in the same statement as the page's.
 */
export const LEAF_BATCHING = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

/** Makes the request's loaders that keep what they read in its generation (see SharedLoader). */
export type SharedLoaderFactory = <K, V>(
  kind: string,
  batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>,
  options?: DataLoader.Options<K, V>,
) => SharedLoader<K, V>;

export function sharedLoaderFactory(generation: GenerationOf): SharedLoaderFactory {
  return (kind, batch, options) => new SharedLoader(kind, generation, batch, options);
}
