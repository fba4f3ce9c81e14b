import type { DataSource } from "typeorm";
import { articleCountMemo } from "./article-counts";
import { articleListRowLoader, articleLoaders } from "./article-loaders";
import { searchLoaders } from "./search-loaders";
import { sharedLoaderFactory, type GenerationOf } from "./shared-loaders";
import { sourceLoaders } from "./source-loaders";
import { tagLoaders } from "./tag-loaders";

/**
 * Per-request batching: every relation a list can ask for goes through one of these, so a
 * page costs the same number of statements whatever its size. Created anew for each
 * request (see createContext). What they read by id is also kept in the request's read-cache
 * generation, when it has one, for the next queries made at the same change number.
 */
export function createLoaders(db: DataSource, generation: GenerationOf = () => null) {
  const shared = sharedLoaderFactory(generation);
  const articleListRowById = articleListRowLoader(db, shared);
  const memoCount = articleCountMemo(generation);
  return Object.assign(
    articleLoaders(db, generation, shared, articleListRowById, memoCount),
    searchLoaders(db, generation, articleListRowById, memoCount),
    tagLoaders(db, shared),
    sourceLoaders(db, shared),
  );
}

export type Loaders = ReturnType<typeof createLoaders>;
