import DataLoader from "dataloader";
import type { DataSource } from "typeorm";
import type { Article, Tag } from "../../entities";
import * as store from "../../store";
import { LEAF_BATCHING, type SharedLoaderFactory } from "./shared-loaders";

/** Loaders of tags, the tags of articles, and the articles and counts of tags. */
export function tagLoaders(db: DataSource, shared: SharedLoaderFactory) {
  const tagArticlesByPage = new Map<string, DataLoader<number, store.Page<Article>>>();
  return {
    tagBySlug: shared<string, Tag | null>("tagBySlug", (slugs) => store.findTagsBySlugs(db, slugs)),
    tagById: shared<number, Tag | null>("tagById", (ids) => store.findTagsByIds(db, ids), LEAF_BATCHING),
    tagsByArticle: shared<number, Tag[]>("tagsByArticle", (ids) => store.findTagsByArticleIds(db, ids), LEAF_BATCHING),
    articleCountByTag: shared<number, number>("articleCountByTag", (ids) => store.countArticlesByTagIds(db, ids), LEAF_BATCHING),

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
