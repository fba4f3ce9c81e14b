import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from "type-graphql";
import { Article, Attachment, Author, Image, Link, Source, Tag } from "../../entities";
import { fromGlobalId } from "../../entities/global-id";
import { toFilterSpec } from "../article-filter-input";
import { articleCursor, decodeArticleCursor, MAX_PAGE_SIZE, pageRequest, toConnection } from "../connection";
import type { Context } from "../context";
import type { Loaded } from "../execution/shared-loader";
import { badUserInput } from "../errors";
import { ArticleConnection } from "../types/article-connection.type";
import { ArticleFilter } from "../types/article-filter.input";
import { ConnectionArgs } from "../types/connection.args";

@Resolver(() => Article)
export class ArticleResolver {
  @Query(() => Article, { nullable: true, description: "One article by id or by slug; null when not found." })
  async article(
    @Ctx() { loaders }: Context,
    @Arg("id", () => ID, { nullable: true }) id?: string | null,
    @Arg("slug", () => String, { nullable: true }) slug?: string | null,
  ): Promise<Article | null> {
    if ((id == null) === (slug == null)) {
      throw badUserInput("article: give either id or slug, e.g. article(slug: \"…\").", { argument: id == null ? "id" : "slug" });
    }
    if (id != null) {
      const decoded = fromGlobalId(id);
      if (decoded?.type !== "Article") throw badUserInput(`id: "${id}" is not an Article id; take ids from an article's id field.`, { argument: "id" });
      return loaders.articleById.load(decoded.id);
    }
    return loaders.articleBySlug.load(slug as string);
  }

  @Query(() => ArticleConnection, { description: "Articles, newest first (undated last), then by id; keyset-paginated." })
  async articles(
    @Ctx() { loaders }: Context,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Arg("filter", () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null,
  ): Promise<ArticleConnection> {
    const spec = toFilterSpec(filter);
    const request = pageRequest(args, decodeArticleCursor);
    const page = await loaders.articlePage(spec, request);
    for (const article of page.rows) loaders.articleById.prime(article.id, article);
    return toConnection(page, request, articleCursor, () => loaders.articleCount(spec));
  }

  @FieldResolver(() => String, { nullable: true, description: "Sanitized HTML." })
  body(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<string | null> {
    // Lists leave the body out; an article read whole has it already.
    return article.body !== undefined ? article.body : loaders.bodyByArticle.load(article.id);
  }

  @FieldResolver(() => Source, { nullable: true })
  source(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Source | null> {
    return article.sourceId === null ? null : loaders.sourceById.load(article.sourceId);
  }

  @FieldResolver(() => [Tag])
  tags(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Tag[]> {
    return loaders.tagsByArticle.load(article.id);
  }

  @FieldResolver(() => [Image], { description: "In page order; the first is the lead image." })
  images(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Image[]> {
    return loaders.imagesByArticle.load(article.id);
  }

  @FieldResolver(() => [Author], { description: "Every author the source names, in its order; the first is `author`." })
  authors(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Author[]> {
    return loaders.authorsByArticle.load(article.id);
  }

  @FieldResolver(() => [Attachment], { description: "Audio, video and other files the article carries, in the source's order (images are in `images`)." })
  attachments(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Attachment[]> {
    return loaders.attachmentsByArticle.load(article.id);
  }

  @FieldResolver(() => [Link], { description: "Links the article points to, in page order." })
  links(@Root() article: Article, @Ctx() { loaders }: Context): Loaded<Link[]> {
    return loaders.linksByArticle.load(article.id);
  }

  @FieldResolver(() => [Article], {
    description: "Editorial related news in stored order, then articles sharing the most tags (newest first); never itself, no repeats.",
  })
  related(
    @Root() article: Article,
    @Ctx() { loaders }: Context,
    @Arg("first", () => Int, { nullable: true, defaultValue: 5, description: `0..${MAX_PAGE_SIZE}; 5 when not given` })
    first: number | null,
  ): Loaded<Article[]> {
    first ??= 5;
    if (first < 0 || first > MAX_PAGE_SIZE) {
      throw badUserInput(`related(first: ${first}) is out of range; ask for 0 to ${MAX_PAGE_SIZE} related articles.`, { argument: "first" });
    }
    return first === 0 ? [] : loaders.related(first).load(article.id);
  }
}
