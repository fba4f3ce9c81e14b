import { ArrayMaxSize, ArrayMinSize } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsGlobalIdOf, IsTagName } from "./validators";

@InputType({ description: "The article to delete." })
export class DeleteArticleInput {
  @Field(() => ID)
  @IsGlobalIdOf("Article")
  id!: string;
}

@InputType({ description: "An article and its editorial related news, complete and in order." })
export class SetRelatedArticlesInput {
  @Field(() => ID)
  @IsGlobalIdOf("Article")
  id!: string;

  @Field(() => [ID], { description: "Article ids in the order readers should see them; [] clears the list." })
  @ArrayMaxSize(100, { message: "must list at most 100 articles" })
  @IsGlobalIdOf("Article", { each: true })
  relatedIds!: string[];
}

@InputType({ description: "An article and tag names to add to it or remove from it." })
export class ArticleTagsInput {
  @Field(() => ID)
  @IsGlobalIdOf("Article")
  id!: string;

  @Field(() => [String], { description: 'Tag names (or slugs when removing), e.g. ["Integration"].' })
  @ArrayMinSize(1, { message: "must name at least one tag" })
  @ArrayMaxSize(50, { message: "must list at most 50 tags" })
  @IsTagName({ each: true })
  tags!: string[];
}
