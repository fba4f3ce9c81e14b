import type { Article, Tag } from "../../entities";
import { fromGlobalId, toGlobalId, type NodeType } from "../../entities/global-id";
import type { Context } from "../context";

/** The primary key of a global id that the input's validation already checked. */
export function keyOf(globalId: string, type: NodeType): number {
  const decoded = fromGlobalId(globalId);
  if (decoded?.type !== type) throw new Error(`${globalId} reached a resolver unchecked: not a ${type} id`);
  return decoded.id;
}

export { toGlobalId };

/** An article as a mutation left it: read anew, not from what this request's loaders saw before. */
export async function freshArticle({ loaders }: Context, id: number): Promise<Article | null> {
  for (const loader of [loaders.tagsByArticle, loaders.imagesByArticle, loaders.linksByArticle, loaders.authorsByArticle, loaders.attachmentsByArticle]) loader.clear(id);
  return loaders.articleById.clear(id).load(id);
}

/** A tag as a mutation left it. */
export async function freshTag({ loaders }: Context, id: number): Promise<Tag | null> {
  loaders.articleCountByTag.clear(id);
  return loaders.tagById.clear(id).load(id);
}
