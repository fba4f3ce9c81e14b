import type { DataSource } from "typeorm";
import type { Source } from "../../entities";
import * as store from "../../store";
import { LEAF_BATCHING, type SharedLoaderFactory } from "./shared-loaders";

/** Loaders of sources and their article counts. */
export function sourceLoaders(db: DataSource, shared: SharedLoaderFactory) {
  return {
    sourceById: shared<number, Source | null>("sourceById", (ids) => store.findSourcesByIds(db, ids), LEAF_BATCHING),
    articleCountBySource: shared<number, number>("articleCountBySource", (ids) => store.countArticlesBySourceIds(db, ids), LEAF_BATCHING),
  };
}
