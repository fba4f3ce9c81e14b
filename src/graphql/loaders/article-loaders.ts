import type { DataSource } from "typeorm";
import type { Article, Attachment, Author, Image, Link } from "../../entities";
import * as store from "../../store";
import { allLoaded, type SharedLoader } from "../execution/shared-loader";
import type { CountMemo } from "./article-counts";
import { LEAF_BATCHING, type GenerationOf, type SharedLoaderFactory } from "./shared-loaders";

/** Articles read by id as lists read them (without the body); shared with the search loaders. */
export function articleListRowLoader(db: DataSource, shared: SharedLoaderFactory): SharedLoader<number, Article | null> {
  return shared<number, Article | null>("articleListRowById", (ids) => store.findArticleListRowsByIds(db, ids));
}

/** Loaders of articles, their parts, related news, pages of the article list and its counts. */
export function articleLoaders(
  db: DataSource,
  generation: GenerationOf,
  shared: SharedLoaderFactory,
  articleListRowById: SharedLoader<number, Article | null>,
  memoCount: CountMemo,
) {
  const articleById = shared<number, Article | null>("articleById", (ids) => store.findArticlesByIds(db, ids));
  const prime = (articles: Article[]) => {
    for (const article of articles) articleById.prime(article.id, article);
    return articles;
  };
  const relatedByLimit = new Map<number, SharedLoader<number, Article[]>>();

  return {
    articleById,
    articleBySlug: shared<string, Article | null>("articleBySlug", (slugs) => store.findArticlesBySlugs(db, slugs)),
    imageById: shared<number, Image | null>("imageById", (ids) => store.findImagesByIds(db, ids), LEAF_BATCHING),
    imagesByArticle: shared<number, Image[]>("imagesByArticle", (ids) => store.findImagesByArticleIds(db, ids), LEAF_BATCHING),
    linksByArticle: shared<number, Link[]>("linksByArticle", (ids) => store.findLinksByArticleIds(db, ids), LEAF_BATCHING),
    authorsByArticle: shared<number, Author[]>("authorsByArticle", (ids) => store.findAuthorsByArticleIds(db, ids), LEAF_BATCHING),
    attachmentsByArticle: shared<number, Attachment[]>("attachmentsByArticle", (ids) => store.findAttachmentsByArticleIds(db, ids), LEAF_BATCHING),
    bodyByArticle: shared<number, string | null>("bodyByArticle", (ids) => store.findArticleBodies(db, ids), LEAF_BATCHING),

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
     * How many articles a filter matches: every page of a list asks the same, so the count is
     * kept in the generation under the filter.
     */
    articleCount(filter: store.ArticleFilterSpec | undefined): number | Promise<number> {
      return memoCount(JSON.stringify(filter ?? null), () => store.countArticles(db, filter));
    },
  };
}
