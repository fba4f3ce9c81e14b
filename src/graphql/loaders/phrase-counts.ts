import type { DataSource } from "typeorm";
import type { SearchQuery } from "../../search/search-query";
import * as store from "../../store";
import type { ReadGeneration } from "../execution/read-cache";

/**
 * How many articles contain each phrase a search is ranked by, kept in the generation by
 * phrase (a common word costs milliseconds to count, and most searches share their words);
 * undefined where the store's scoring counts for itself.
 */
export async function phraseCounts(db: DataSource, kept: ReadGeneration, query: SearchQuery): Promise<number[] | undefined> {
  const phrases = store.rankingPhrases(db, query);
  if (!phrases) return undefined;
  const counts = new Map<string, number>();
  for (const { phrase, excluded } of phrases) {
    const count = excluded ? 0 : kept.get<number>("phraseMatches", phrase);
    if (count !== undefined) counts.set(phrase, count);
  }
  const missing = [...new Set(phrases.filter((p) => !p.excluded && !counts.has(p.phrase)).map((p) => p.phrase))];
  if (missing.length) {
    const found = await store.countPhraseMatches(db, missing);
    missing.forEach((phrase, i) => {
      counts.set(phrase, found[i]);
      kept.set("phraseMatches", phrase, found[i]);
    });
  }
  return phrases.map(({ phrase, excluded }) => (excluded ? 0 : (counts.get(phrase) as number)));
}
