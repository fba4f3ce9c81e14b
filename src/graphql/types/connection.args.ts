import { ArgsType, Field, Int } from "type-graphql";

@ArgsType()
export class ConnectionArgs {
  @Field(() => Int, { nullable: true, description: "Page size forward, 1..100; 20 when neither first nor last is given." })
  first?: number | null;

  @Field(() => String, { nullable: true, description: "The endCursor of the page before." })
  after?: string | null;

  @Field(() => Int, { nullable: true, description: "Page size backward, 1..100." })
  last?: number | null;

  @Field(() => String, { nullable: true, description: "The startCursor of the page after." })
  before?: string | null;
}
