import { Field, ObjectType } from "type-graphql";
import { Tag } from "../../entities";

@ObjectType({ simpleResolvers: true, description: "The tag as the mutation left it." })
export class TagPayload {
  @Field(() => Tag, { nullable: true })
  tag!: Tag | null;
}
