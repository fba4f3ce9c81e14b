import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from "type-graphql";
import { buildSnippet } from "../../search/snippet";
import type { SearchHit, SearchKey } from "../../store";
import { toFilterSpec, toSearchQuery } from "../article-filter-input";
import { pageRequest, toConnection } from "../connection";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { mapLoaded, type Loaded } from "../execution/shared-loader";
import { ArticleFilter } from "../types/article-filter.input";
import { ConnectionArgs } from "../types/connection.args";
import { SearchConnection, SearchEdge } from "../types/search-connection.type";

const searchCursor = (hit: SearchHit) => Buffer.from(`s1:${hit.score}:${hit.article.id}`).toString("base64url");

function decodeSearchCursor(cursor: string, arg: string): SearchKey {
  const text = /^[A-Za-z0-9_-]{1,200}$/.test(cursor) ? Buffer.from(cursor, "base64url").toString("utf8") : "";
  const match = /^s1:(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?):(\d{1,16})$/.exec(text);
  if (!match || !Number.isFinite(Number(match[1]))) {
    throw badUserInput(`${arg}: "${cursor.slice(0, 80)}" is not a cursor of this search; pass a cursor from the same search.`, { argument: arg });
  }
  return { score: Number(match[1]), id: Number(match[2]) };
}

@Resolver(() => SearchEdge)
export class SearchResolver {
  @Query(() => SearchConnection, { description: "Full-text search, best match first; the filter narrows the matches." })
  async search(
    @Ctx() { loaders }: Context,
    @Arg("query", () => String, { description: 'Words (all must match), "quoted phrases", prefix*, -excluded, OR.' }) text: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
  ): Promise<SearchConnection> {
    const query = toSearchQuery(text, "query");
    const spec = toFilterSpec(filter);
    const request = pageRequest(args, decodeSearchCursor);
    const page = await loaders.searchPage(query, spec, request);
    for (const hit of page.rows) loaders.articleById.prime(hit.article.id, hit.article);
    const connection = toConnection(page, request, searchCursor, () => loaders.searchCount(query, spec), (hit, cursor) => ({ cursor, node: hit.article, score: hit.score, query }));
    return Object.assign(connection, { nodes: page.rows.map((hit) => hit.article) });
  }

  @FieldResolver(() => String, {
    nullable: true,
    description: "The best passage, the matched words in <mark>…</mark>, everything else HTML-escaped.",
  })
  snippet(@Root() edge: SearchEdge, @Ctx() { loaders }: Context): Loaded<string | null> {
    const { node, query } = edge;
    // Search pages read their articles without the body: it is read here, for the pages that show snippets.
    if (node.body !== undefined) return buildSnippet(query, node);
    return mapLoaded(loaders.bodyByArticle.load(node.id), (body) => buildSnippet(query, { title: node.title, teaser: node.teaser, body }));
  }
}

