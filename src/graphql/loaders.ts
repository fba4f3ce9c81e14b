import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Article, Attachment, Author, Image, Link, Source, Tag } from "../entities";
import type { SearchQuery } from "../search/search-query";
import * as store from "../store";
import type { ReadGeneration } from "./execution/read-cache";
import { allLoaded, SharedLoader } from "./execution/shared-loader";

/**
 * Per-request batching: every relation a list can ask for goes through one of these, so a
 * page costs the same number of statements whatever its size. Created anew for each
 * request (see createContext). What they read by id is also kept in the request's read-cache
 * generation, when it has one, for the next queries made at the same change number.
 */
export function createLoaders(db: DataSource, generation: () => ReadGeneration | null = () => null) {
  // Loaders of leaf relations wait for the event loop's next turn: by then the related
  // articles (whose statement goes out first) have been read and asked for their own tags,
  // images and sources, which then ride along in the same statement as the page's.
  const leaf = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };
  const shared = <K, V>(kind: string, batch: (keys: readonly K[]) => Promise<readonly (V | Error)[]>, options?: DataLoader.Options<K, V>) =>
    new SharedLoader<K, V>(kind, generation, batch, options);

  const articleById = shared<number, Article | null>("articleById", (ids) => store.findArticlesByIds(db, ids));
  const articleListRowById = shared<number, Article | null>("articleListRowById", (ids) => store.findArticleListRowsByIds(db, ids));
  const prime = (articles: Article[]) => {
    for (const article of articles) articleById.prime(article.id, article);
    return articles;
  };
  const relatedByLimit = new Map<number, SharedLoader<number, Article[]>>();
  const tagArticlesByPage = new Map<string, DataLoader<number, store.Page<Article>>>();
  const articleCounts = new Map<string, Promise<number>>();
  /** A count kept in the generation under `key`, counted once per request otherwise. */
  const memoCount = (key: string, count: () => Promise<number>): number | Promise<number> => {
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

  /**
   * How many articles contain each phrase a search is ranked by, kept in the generation by
   * phrase (a common word costs milliseconds to count, and most searches share their words);
   * undefined where the store's scoring counts for itself.
   */
  const phraseCounts = async (kept: ReadGeneration, query: SearchQuery): Promise<number[] | undefined> => {
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
  };

  return {
    articleById,
    articleBySlug: shared<string, Article | null>("articleBySlug", (slugs) => store.findArticlesBySlugs(db, slugs)),
    tagBySlug: shared<string, Tag | null>("tagBySlug", (slugs) => store.findTagsBySlugs(db, slugs)),
    tagById: shared<number, Tag | null>("tagById", (ids) => store.findTagsByIds(db, ids), leaf),
    sourceById: shared<number, Source | null>("sourceById", (ids) => store.findSourcesByIds(db, ids), leaf),
    imageById: shared<number, Image | null>("imageById", (ids) => store.findImagesByIds(db, ids), leaf),
    tagsByArticle: shared<number, Tag[]>("tagsByArticle", (ids) => store.findTagsByArticleIds(db, ids), leaf),
    imagesByArticle: shared<number, Image[]>("imagesByArticle", (ids) => store.findImagesByArticleIds(db, ids), leaf),
    linksByArticle: shared<number, Link[]>("linksByArticle", (ids) => store.findLinksByArticleIds(db, ids), leaf),
    authorsByArticle: shared<number, Author[]>("authorsByArticle", (ids) => store.findAuthorsByArticleIds(db, ids), leaf),
    attachmentsByArticle: shared<number, Attachment[]>("attachmentsByArticle", (ids) => store.findAttachmentsByArticleIds(db, ids), leaf),
    bodyByArticle: shared<number, string | null>("bodyByArticle", (ids) => store.findArticleBodies(db, ids), leaf),
    articleCountByTag: shared<number, number>("articleCountByTag", (ids) => store.countArticlesByTagIds(db, ids), leaf),
    articleCountBySource: shared<number, number>("articleCountBySource", (ids) => store.countArticlesBySourceIds(db, ids), leaf),

    /** Related news, at most `limit` per article; one loader (one statement) per distinct limit. */
    related(limit: number): SharedLoader<number, Article[]> {
      let loader = relatedByLimit.get(limit);
      if (!loader) {
        loader = shared(`related:${limit}`, async (ids) => (await store.findRelatedByArticleIds(db, ids, limit)).map(prime));
        relatedByLimit.set(limit, loader);
      }
      return loader;
    },

    /**
     * A page of the filtered article list. With a generation, only the page's keys are read
     * (and kept) and its articles (as lists read them, without the body) come from the
     * generation where it has them; without one, a single statement reads the page whole.
     */
    async articlePage(filter: store.ArticleFilterSpec | undefined, request: store.PageRequest<store.ArticleKey>): Promise<store.Page<Article>> {
      const kept = generation();
      if (!kept) return store.findArticlePage(db, filter, request);
      // The keys too are kept, under the filter and page asked for.
      const key = JSON.stringify([filter ?? null, request]);
      let keys = kept.get<store.Page<store.ArticleKey>>("articlePage", key);
      if (!keys) {
        keys = await store.findArticlePageKeys(db, filter, request);
        kept.set("articlePage", key, keys);
      }
      const articles = await allLoaded(keys.rows.map((row) => articleListRowById.load(row.id)));
      // An article deleted since its key was read is left out.
      return store.pageWithRows(keys, articles.filter((article): article is Article => article !== null));
    },

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
        keys = await store.findSearchPageKeys(db, query, filter, request, await phraseCounts(kept, query));
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

    /** A page of a tag's articles; tags asking for the same page share one statement. */
    tagArticles(page: store.PageRequest<store.ArticleKey>): DataLoader<number, store.Page<Article>> {
      const key = JSON.stringify(page);
      let loader = tagArticlesByPage.get(key);
      if (!loader) {
        loader = new DataLoader((ids) => store.findArticlePagesByTags(db, ids, page));
        tagArticlesByPage.set(key, loader);
      }
      return loader;
    },

    /**
     * How many articles a filter matches: every page of a list asks the same, so the count is
     * kept in the generation under the filter.
     */
    articleCount(filter: store.ArticleFilterSpec | undefined): number | Promise<number> {
      return memoCount(JSON.stringify(filter ?? null), () => store.countArticles(db, filter));
    },
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
