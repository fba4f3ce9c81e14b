import { Arg, Authorized, Ctx, Mutation, Resolver, UseMiddleware } from "type-graphql";
import { Role } from "../../auth/roles";
import * as store from "../../store";
import type { Context } from "../context";
import { InputErrors } from "../input-errors";
import { MergeTagsInput, RenameTagInput } from "../types/tag.input";
import { TagPayload } from "../types/tag.payload";
import { freshTag, keyOf } from "./mutation-helpers";

@Resolver()
@UseMiddleware(InputErrors)
export class TagMutationResolver {
  @Authorized(Role.EDITOR)
  @Mutation(() => TagPayload, { description: "Renames a tag; its slug follows the name (editor)." })
  async renameTag(@Ctx() ctx: Context, @Arg("input", () => RenameTagInput) input: RenameTagInput): Promise<TagPayload> {
    const id = keyOf(input.id, "Tag");
    await store.renameTag(ctx.db, id, input.name);
    return { tag: await freshTag(ctx, id) };
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => TagPayload, { description: "Moves every article of the `from` tags to `into` and deletes them (editor)." })
  async mergeTags(@Ctx() ctx: Context, @Arg("input", () => MergeTagsInput) input: MergeTagsInput): Promise<TagPayload> {
    const into = keyOf(input.into, "Tag");
    await store.mergeTags(ctx.db, input.from.map((id) => keyOf(id, "Tag")), into);
    return { tag: await freshTag(ctx, into) };
  }
}
