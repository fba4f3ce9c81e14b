import { Arg, Ctx, ID, Query, Resolver } from "type-graphql";
import { Node } from "../../entities";
import { fromGlobalId } from "../../entities/global-id";
import type { Context } from "../context";
import { badUserInput } from "../errors";

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: "Any object by its global id; null when it does not exist." })
  async node(@Ctx() { loaders }: Context, @Arg("id", () => ID) id: string): Promise<Node | null> {
    const decoded = fromGlobalId(id);
    if (!decoded) throw badUserInput(`id: "${id.slice(0, 80)}" is not a Newsgate id; take ids from the id field of an Article, Tag, Image or Source.`, { argument: "id" });
    switch (decoded.type) {
      case "Article":
        return loaders.articleById.load(decoded.id);
      case "Tag":
        return loaders.tagById.load(decoded.id);
      case "Source":
        return loaders.sourceById.load(decoded.id);
      case "Image":
        return loaders.imageById.load(decoded.id);
    }
  }
}
