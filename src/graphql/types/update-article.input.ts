import { ValidateIf } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { ArticleContentInput } from "./article-content.input";
import { IsGlobalIdOf, IsText } from "./validators";

@InputType({ description: "The article's id and the fields to change; fields left out stay as they are, null clears one." })
export class UpdateArticleInput extends ArticleContentInput {
  @Field(() => ID)
  @IsGlobalIdOf("Article")
  id!: string;

  @Field(() => String, { nullable: true, description: "A new title; it cannot be cleared." })
  @ValidateIf((input: UpdateArticleInput) => input.title !== undefined)
  @IsText(1, 1000)
  title?: string | null;
}
