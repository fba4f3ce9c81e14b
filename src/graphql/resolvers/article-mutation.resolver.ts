import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { Role } from "../../auth/roles";
import * as store from "../../store";
import type { Context } from "../context";
import { InputErrors } from "../input-errors";
import { ArticleContentInput } from "../types/article-content.input";
import { ArticleTagsInput, DeleteArticleInput, SetRelatedArticlesInput } from "../types/article-id.input";
import { ArticlePayload, DeletePayload } from "../types/article.payload";
import { CreateArticleInput } from "../types/create-article.input";
import { UpdateArticleInput } from "../types/update-article.input";
import { freshArticle, keyOf } from "./mutation-helpers";

/** The columns of an input as the write path takes them: left out stays, null clears. */
function contentOf(input: ArticleContentInput & { title?: string | null }): store.ArticleRevision {
  const revision: store.ArticleRevision = {};
  for (const key of ["teaser", "body", "url", "category", "language", "author", "publishedAt"] as const) {
    if (input[key] !== undefined) (revision as Record<string, unknown>)[key] = input[key];
  }
  if (input.title != null) revision.title = input.title;
  if (input.slug != null) revision.slug = input.slug;
  if (input.tags != null) revision.tags = input.tags;
  if (input.relatedIds != null) revision.relatedIds = input.relatedIds.map((id) => keyOf(id, "Article"));
  return revision;
}

@Resolver()
@UseMiddleware(InputErrors)
export class ArticleMutationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Writes a hand-written article (editor)." })
  async createArticle(@Ctx() ctx: Context, @Arg("input", () => CreateArticleInput) input: CreateArticleInput): Promise<ArticlePayload> {
    const { title, ...rest } = contentOf(input);
    const id = await store.createArticle(ctx.db, { title: title as string, ...rest });
    return { article: await freshArticle(ctx, id) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Changes the fields given (editor); a later fetch keeps them unless the source changed." })
  async updateArticle(@Ctx() ctx: Context, @Arg("input", () => UpdateArticleInput) input: UpdateArticleInput): Promise<ArticlePayload> {
    const id = keyOf(input.id, "Article");
    await store.updateArticle(ctx.db, id, contentOf(input));
    return { article: await freshArticle(ctx, id) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => DeletePayload, { description: "Deletes an article (editor); the change feed reports it as deleted." })
  async deleteArticle(@Ctx() { db }: Context, @Arg("input", () => DeleteArticleInput) input: DeleteArticleInput): Promise<DeletePayload> {
    await store.deleteArticle(db, keyOf(input.id, "Article"));
    return { deletedId: input.id };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Replaces the editorial related news, in order (editor)." })
  async setRelatedArticles(@Ctx() ctx: Context, @Arg("input", () => SetRelatedArticlesInput) input: SetRelatedArticlesInput): Promise<ArticlePayload> {
    const id = keyOf(input.id, "Article");
    await store.setRelatedArticles(ctx.db, id, input.relatedIds.map((related) => keyOf(related, "Article")));
    return { article: await freshArticle(ctx, id) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Adds tags after the article's own; tags it has are skipped (editor)." })
  async addTags(@Ctx() ctx: Context, @Arg("input", () => ArticleTagsInput) input: ArticleTagsInput): Promise<ArticlePayload> {
    const id = keyOf(input.id, "Article");
    await store.addTags(ctx.db, id, input.tags);
    return { article: await freshArticle(ctx, id) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ArticlePayload, { description: "Removes tags by name or slug (editor)." })
  async removeTags(@Ctx() ctx: Context, @Arg("input", () => ArticleTagsInput) input: ArticleTagsInput): Promise<ArticlePayload> {
    const id = keyOf(input.id, "Article");
    await store.removeTags(ctx.db, id, input.tags);
    return { article: await freshArticle(ctx, id) };
  }
}
