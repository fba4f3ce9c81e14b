import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Article, Image, Link, Source, Tag } from "../entities";
import * as store from "../store";

/**
 * Per-request batching: every relation a list can ask for goes through one of these, so a
 * page costs the same number of statements whatever its size. Created anew for each
 * request (see createContext), so nothing is cached across requests.
 */
export function createLoaders(db: DataSource) {
  // Loaders of leaf relations wait for the event loop's next turn: by then the related
  // articles (whose statement goes out first) have been read and asked for their own tags,
  // images and sources, which then ride along in the same statement as the page's.
  const leaf = { batchScheduleFn: (dispatch: () => void) => setImmediate(dispatch) };

  const articleById = new DataLoader<number, Article | null>((ids) => store.findArticlesByIds(db, ids));
  const prime = (articles: Article[]) => {
    for (const article of articles) articleById.prime(article.id, article);
    return articles;
  };
  const relatedByLimit = new Map<number, DataLoader<number, Article[]>>();
  const tagArticlesByPage = new Map<string, DataLoader<number, store.Page<Article>>>();

  return {
    articleById,
    articleBySlug: new DataLoader<string, Article | null>((slugs) => store.findArticlesBySlugs(db, slugs)),
    tagBySlug: new DataLoader<string, Tag | null>((slugs) => store.findTagsBySlugs(db, slugs)),
    tagById: new DataLoader<number, Tag | null>((ids) => store.findTagsByIds(db, ids), leaf),
    sourceById: new DataLoader<number, Source | null>((ids) => store.findSourcesByIds(db, ids), leaf),
    imageById: new DataLoader<number, Image | null>((ids) => store.findImagesByIds(db, ids), leaf),
    tagsByArticle: new DataLoader<number, Tag[]>((ids) => store.findTagsByArticleIds(db, ids), leaf),
    imagesByArticle: new DataLoader<number, Image[]>((ids) => store.findImagesByArticleIds(db, ids), leaf),
    linksByArticle: new DataLoader<number, Link[]>((ids) => store.findLinksByArticleIds(db, ids), leaf),
    bodyByArticle: new DataLoader<number, string | null>((ids) => store.findArticleBodies(db, ids), leaf),
    articleCountByTag: new DataLoader<number, number>((ids) => store.countArticlesByTagIds(db, ids), leaf),
    articleCountBySource: new DataLoader<number, number>((ids) => store.countArticlesBySourceIds(db, ids), leaf),

    /** Related news, at most `limit` per article; one loader (one statement) per distinct limit. */
    related(limit: number): DataLoader<number, Article[]> {
      let loader = relatedByLimit.get(limit);
      if (!loader) {
        loader = new DataLoader(async (ids) => (await store.findRelatedByArticleIds(db, ids, limit)).map(prime));
        relatedByLimit.set(limit, loader);
      }
      return loader;
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
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
