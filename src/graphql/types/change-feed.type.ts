import { Field, ID, ObjectType } from "type-graphql";
import { Article } from "../../entities";

@ObjectType({ simpleResolvers: true, description: "What changed since a sync token: apply the articles, drop the deleted ids, keep nextSince." })
export class ChangeFeed {
  @Field(() => [Article], { description: "Articles created or updated since the token, in commit order." })
  articles!: Article[];

  @Field(() => [ID], { description: "Ids of articles deleted (or merged away) since the token." })
  deletedIds!: string[];

  @Field(() => String, { description: "The token for the next call." })
  nextSince!: string;

  @Field(() => Boolean, { description: "More changes follow: call again with nextSince at once." })
  hasMore!: boolean;
}
