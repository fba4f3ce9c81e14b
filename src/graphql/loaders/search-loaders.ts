import type { DataSource } from "typeorm";
import type { Article } from "../../entities";
import type { SearchQuery } from "../../search/search-query";
import * as store from "../../store";
import { allLoaded, type SharedLoader } from "../execution/shared-loader";
import type { CountMemo } from "./article-counts";
import { phraseCounts } from "./phrase-counts";
import type { GenerationOf } from "./shared-loaders";

/** Loaders of search pages and counts. */
export function searchLoaders(db: DataSource, generation: GenerationOf, articleListRowById: SharedLoader<number, Article | null>, memoCount: CountMemo) {
  return {
    /**
     * A page of a search. With a generation, as `articlePage`: only the page's keys are read,
     * and kept under the search, filter and page asked for (scoring is the costly part of a
     * search, and the same search at the same change number finds the same page); its
     * articles (as lists read them, without the body, which snippets and `body` read through
     * bodyByArticle) come from the generation where it has them, and the match counts its
     * scoring needs are kept by phrase, for every search with the same words. Without a
     * generation, a single statement reads the page.
     */
    async searchPage(query: SearchQuery, filter: store.ArticleFilterSpec | undefined, request: store.PageRequest<store.SearchKey>): Promise<store.Page<store.SearchHit>> {
      const kept = generation();
      if (!kept) return store.findSearchPage(db, query, filter, request);
      const key = JSON.stringify([query, filter ?? null, request]);
      let keys = kept.get<store.Page<store.SearchKey>>("searchPage", key);
      if (!keys) {
        keys = await store.findSearchPageKeys(db, query, filter, request, await phraseCounts(db, kept, query));
        kept.set("searchPage", key, keys);
      }
      const articles = await allLoaded(keys.rows.map((hit) => articleListRowById.load(hit.id)));
      // An article deleted since its key was read is left out.
      const rows = keys.rows.flatMap((hit, i) => (articles[i] ? [{ article: articles[i] as Article, score: hit.score }] : []));
      return store.pageWithRows(keys, rows);
    },

    /** How many articles a search (and a filter) matches; kept in the generation like articleCount. */
    searchCount(query: SearchQuery, filter: store.ArticleFilterSpec | undefined): number | Promise<number> {
      return memoCount(`search:${JSON.stringify([query, filter ?? null])}`, () => store.countSearch(db, query, filter));
    },
  };
}
