import { fromGlobalId } from "../entities/global-id";
import type { ArticleFilterSpec } from "../store";
import { badUserInput } from "./errors";
import type { ArticleFilter } from "./types/article-filter.input";

/** The GraphQL filter as the store's filter; source ids are checked and decoded. */
export function toFilterSpec(filter: ArticleFilter | null | undefined): ArticleFilterSpec | undefined {
  if (!filter) return undefined;
  const sourceIds = filter.sourceIds?.map((id) => {
    const decoded = fromGlobalId(id);
    if (decoded?.type !== "Source") {
      throw badUserInput(`filter.sourceIds: "${id}" is not a Source id; take ids from sources { id }.`, { argument: "filter.sourceIds" });
    }
    return decoded.id;
  });
  return {
    tags: filter.tags ?? undefined,
    allTags: filter.allTags ?? undefined,
    category: filter.category ?? undefined,
    sourceIds,
    language: filter.language ?? undefined,
    publishedAfter: filter.publishedAfter ?? undefined,
    publishedBefore: filter.publishedBefore ?? undefined,
  };
}
