import { Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Source } from "../../entities";
import { listSources } from "../../store";
import type { Context } from "../context";
import type { Loaded } from "../execution/shared-loader";

@Resolver(() => Source)
export class SourceResolver {
  @Query(() => [Source], { description: "Every source, by name." })
  async sources(@Ctx() { db, loaders }: Context): Promise<Source[]> {
    const sources = await listSources(db);
    for (const source of sources) loaders.sourceById.prime(source.id, source);
    return sources;
  }

  @FieldResolver(() => Int, { description: "How many articles came from the source." })
  articleCount(@Root() source: Source, @Ctx() { loaders }: Context): Loaded<number> {
    return loaders.articleCountBySource.load(source.id);
  }
}
