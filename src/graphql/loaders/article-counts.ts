import type { GenerationOf } from "./shared-loaders";

/** A count kept in the generation under a key, counted once per request otherwise. */
export type CountMemo = (key: string, count: () => Promise<number>) => number | Promise<number>;

/**
 * Counts of articles (a filter's, a search's) for one request: kept in the generation under
 * their key, and counted once per request without one.
 */
export function articleCountMemo(generation: GenerationOf): CountMemo {
  const articleCounts = new Map<string, Promise<number>>();
  return (key, count) => {
    const kept = generation()?.get<number>("articleCount", key);
    if (kept !== undefined) return kept;
    let counting = articleCounts.get(key);
    if (!counting) {
      counting = count().then((value) => {
        generation()?.set("articleCount", key, value);
        return value;
      });
      articleCounts.set(key, counting);
    }
    return counting;
  };
}
