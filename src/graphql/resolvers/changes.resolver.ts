import { Arg, Ctx, Int, Query, Resolver } from "type-graphql";
import { Article } from "../../entities";
import { toGlobalId } from "../../entities/global-id";
import { findChanges, latestChange } from "../../store";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { ChangeFeed } from "../types/change-feed.type";

const MAX_CHANGES = 500;

const token = (seq: number) => Buffer.from(`c1:${seq}`).toString("base64url");

function decodeToken(since: string): number {
  const text = /^[A-Za-z0-9_-]{1,64}$/.test(since) ? Buffer.from(since, "base64url").toString("utf8") : "";
  const match = /^c1:(\d{1,16})$/.exec(text);
  if (!match) throw badUserInput(`since: "${since.slice(0, 80)}" is not a sync token; pass nextSince from the last call, or null to start over.`, { argument: "since" });
  return Number(match[1]);
}

@Resolver()
export class ChangesResolver {
  @Query(() => ChangeFeed, { description: "Incremental sync: what changed since the token of the last call (null: everything)." })
  async changes(
    @Ctx() { db, loaders }: Context,
    @Arg("since", () => String, { nullable: true }) since: string | null,
    @Arg("first", () => Int, { nullable: true, defaultValue: 100, description: `1..${MAX_CHANGES}` }) first: number | null,
  ): Promise<ChangeFeed> {
    const limit = first ?? 100;
    if (limit < 1 || limit > MAX_CHANGES) {
      throw badUserInput(`first: ${limit} is out of range; ask for 1 to ${MAX_CHANGES} changes per call.`, { argument: "first" });
    }
    const from = since == null ? 0 : decodeToken(since);
    const changes = await findChanges(db, from, limit);
    const hasMore = changes.length > limit;
    const page = changes.slice(0, limit);
    const articles = await loaders.articleById.loadMany(page.filter((c) => !c.deleted).map((c) => c.articleId));
    const last = page.length ? page[page.length - 1].seq : since == null ? await latestChange(db) : from;
    return {
      articles: articles.filter((a): a is Article => a !== null && !(a instanceof Error)),
      deletedIds: page.filter((c) => c.deleted).map((c) => toGlobalId("Article", c.articleId)),
      nextSince: token(last),
      hasMore,
    };
  }
}
