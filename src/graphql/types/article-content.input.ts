import { ArrayMaxSize, IsOptional, MaxLength } from "class-validator";
import { Field, ID, InputType } from "type-graphql";
import { IsGlobalIdOf, IsHttpUrl, IsLanguageTag, IsNewsDate, IsSlug, IsTagName, IsText } from "./validators";

/**
 * What createArticle and updateArticle share: every field but the title, each optional.
 * A base class only: the schema leaves it out, as no argument has this type.
 */
@InputType()
export abstract class ArticleContentInput {
  @Field(() => String, { nullable: true, description: "Unique, lower-case ASCII words joined by hyphens; derived from the title when not given." })
  @IsOptional()
  @IsSlug()
  slug?: string | null;

  @Field(() => String, { nullable: true, description: "The lead paragraph, plain text; null clears it." })
  @IsOptional()
  @IsText(0, 5000)
  teaser?: string | null;

  @Field(() => String, { nullable: true, description: "HTML; sanitized on write. Null clears it." })
  @IsOptional()
  @MaxLength(200_000, { message: "must be at most 200000 characters" })
  body?: string | null;

  @Field(() => String, { nullable: true, description: "Canonical URL, http or https; unique across articles." })
  @IsOptional()
  @IsHttpUrl()
  url?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 200)
  category?: string | null;

  @Field(() => String, { nullable: true, description: 'BCP-47, e.g. "de"' })
  @IsOptional()
  @IsLanguageTag()
  language?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsText(1, 500)
  author?: string | null;

  @Field(() => Date, { nullable: true })
  @IsOptional()
  @IsNewsDate()
  publishedAt?: Date | null;

  @Field(() => [String], { nullable: true, description: "Tag names in order; the complete list." })
  @IsOptional()
  @ArrayMaxSize(50, { message: "must list at most 50 tags" })
  @IsTagName({ each: true })
  tags?: string[] | null;

  @Field(() => [ID], { nullable: true, description: "Editorial related news by article id, in order; the complete list." })
  @IsOptional()
  @ArrayMaxSize(100, { message: "must list at most 100 articles" })
  @IsGlobalIdOf("Article", { each: true })
  relatedIds?: string[] | null;
}
