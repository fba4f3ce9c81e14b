import { Field, ID, InputType } from "type-graphql";

@InputType({ description: "Narrows a list of articles; every field given must match." })
export class ArticleFilter {
  @Field(() => [String], { nullable: true, description: "Tag slugs: the article has ANY of them." })
  tags?: string[] | null;

  @Field(() => [String], { nullable: true, description: "Tag slugs: the article has ALL of them." })
  allTags?: string[] | null;

  @Field(() => String, { nullable: true, description: 'e.g. "Internationales"' })
  category?: string | null;

  @Field(() => [ID], { nullable: true, description: "Source ids: the article comes from any of them." })
  sourceIds?: string[] | null;

  @Field(() => String, { nullable: true, description: 'BCP-47, e.g. "de"' })
  language?: string | null;

  @Field(() => Date, { nullable: true, description: "Published at or after this time." })
  publishedAfter?: Date | null;

  @Field(() => Date, { nullable: true, description: "Published before this time." })
  publishedBefore?: Date | null;

  @Field(() => String, {
    nullable: true,
    description: 'Full-text search over title, teaser, body and tag names: words (all must match), "quoted phrases", prefix*, -excluded, OR.',
  })
  query?: string | null;

  @Field(() => [String], { nullable: true, description: "Tag slugs: the article has NONE of them." })
  excludeTags?: string[] | null;

  @Field(() => [ArticleFilter], { nullable: true, description: "Every one of these filters matches." })
  and?: ArticleFilter[] | null;

  @Field(() => [ArticleFilter], { nullable: true, description: "At least one of these filters matches." })
  or?: ArticleFilter[] | null;

  @Field(() => ArticleFilter, { nullable: true, description: "This filter does not match." })
  not?: ArticleFilter | null;
}
