import { fromGlobalId } from "../entities/global-id";
import { parseSearchQuery, SearchSyntaxError, type SearchQuery } from "../search/search-query";
import type { ArticleFilterSpec } from "../store";
import { badUserInput } from "./errors";
import type { ArticleFilter } from "./types/article-filter.input";

/** How deep and/or/not may nest, and how many filters one request may combine. */
const MAX_NESTING = 5;
const MAX_FILTERS = 50;

/** The GraphQL filter as the store's filter: source ids decoded, searches parsed, size checked. */
export function toFilterSpec(filter: ArticleFilter | null | undefined, path = "filter"): ArticleFilterSpec | undefined {
  if (!filter) return undefined;
  let count = 0;
  const convert = (f: ArticleFilter, at: string, depth: number): ArticleFilterSpec => {
    if (depth > MAX_NESTING) throw badUserInput(`${at}: and/or/not nest ${depth} deep; nest at most ${MAX_NESTING} levels.`, { argument: path });
    if (++count > MAX_FILTERS) throw badUserInput(`${path}: combines more than ${MAX_FILTERS} filters; simplify it.`, { argument: path });
    return {
      tags: f.tags ?? undefined,
      allTags: f.allTags ?? undefined,
      excludeTags: f.excludeTags ?? undefined,
      category: f.category ?? undefined,
      sourceIds: f.sourceIds?.map((id) => {
        const decoded = fromGlobalId(id);
        if (decoded?.type !== "Source") {
          throw badUserInput(`${at}.sourceIds: "${id}" is not a Source id; take ids from sources { id }.`, { argument: path });
        }
        return decoded.id;
      }),
      language: f.language ?? undefined,
      publishedAfter: f.publishedAfter ?? undefined,
      publishedBefore: f.publishedBefore ?? undefined,
      query: f.query == null ? undefined : toSearchQuery(f.query, `${at}.query`),
      and: f.and?.map((part, i) => convert(part, `${at}.and[${i}]`, depth + 1)),
      or: f.or?.map((part, i) => convert(part, `${at}.or[${i}]`, depth + 1)),
      not: f.not ? convert(f.not, `${at}.not`, depth + 1) : undefined,
    };
  };
  return convert(filter, path, 0);
}

/** Parses a search; a malformed one is a BAD_USER_INPUT naming the argument and the fix. */
export function toSearchQuery(text: string, argument: string): SearchQuery {
  try {
    return parseSearchQuery(text);
  } catch (error) {
    if (error instanceof SearchSyntaxError) throw badUserInput(`${argument}: ${error.message}`, { argument });
    throw error;
  }
}
