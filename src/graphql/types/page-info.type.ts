import { Field, ObjectType } from "type-graphql";

@ObjectType({ simpleResolvers: true, description: "Where a page stands in its list (Relay cursor connections)." })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage!: boolean;

  @Field(() => Boolean)
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}
