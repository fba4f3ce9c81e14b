import { Arg, Args, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Tag } from "../../entities";
import { countTags, findTagPage } from "../../store";
import { articleCursor, decodeArticleCursor, decodeTagCursor, pageRequest, tagCursor, toConnection } from "../connection";
import type { Context } from "../context";
import type { Loaded } from "../execution/shared-loader";
import { ArticleConnection } from "../types/article-connection.type";
import { ConnectionArgs } from "../types/connection.args";
import { TagConnection } from "../types/tag-connection.type";

@Resolver(() => Tag)
export class TagResolver {
  @Query(() => Tag, { nullable: true, description: "One tag by slug; null when not found." })
  tag(@Ctx() { loaders }: Context, @Arg("slug", () => String) slug: string): Loaded<Tag | null> {
    return loaders.tagBySlug.load(slug.toLowerCase());
  }

  @Query(() => TagConnection, { description: "Every tag, by slug; keyset-paginated." })
  async tags(@Ctx() { db }: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<TagConnection> {
    const request = pageRequest(args, decodeTagCursor);
    return toConnection(await findTagPage(db, request), request, tagCursor, () => countTags(db));
  }

  @FieldResolver(() => Int, { description: "How many articles carry the tag." })
  articleCount(@Root() tag: Tag, @Ctx() { loaders }: Context): Loaded<number> {
    return loaders.articleCountByTag.load(tag.id);
  }

  @FieldResolver(() => ArticleConnection, { description: "The tag's articles, newest first." })
  async articles(@Root() tag: Tag, @Ctx() { loaders }: Context, @Args(() => ConnectionArgs) args: ConnectionArgs): Promise<ArticleConnection> {
    const request = pageRequest(args, decodeArticleCursor);
    const page = await loaders.tagArticles(request).load(tag.id);
    for (const article of page.rows) loaders.articleById.prime(article.id, article);
    return toConnection(page, request, articleCursor, () => loaders.articleCountByTag.load(tag.id));
  }
}
