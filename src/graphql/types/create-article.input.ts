import { Field, InputType } from "type-graphql";
import { ArticleContentInput } from "./article-content.input";
import { IsText } from "./validators";

@InputType({ description: "A hand-written article; it belongs to the MANUAL source \"Newsroom editors\"." })
export class CreateArticleInput extends ArticleContentInput {
  @Field(() => String)
  @IsText(1, 1000)
  title!: string;
}
