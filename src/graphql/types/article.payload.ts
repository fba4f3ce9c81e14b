import { Field, ID, ObjectType } from "type-graphql";
import { Article } from "../../entities";

@ObjectType({ simpleResolvers: true, description: "The article as the mutation left it." })
export class ArticlePayload {
  @Field(() => Article, { nullable: true })
  article!: Article | null;
}

@ObjectType({ simpleResolvers: true, description: "What a delete removed; the change feed reports the id in deletedIds." })
export class DeletePayload {
  @Field(() => ID)
  deletedId!: string;
}
