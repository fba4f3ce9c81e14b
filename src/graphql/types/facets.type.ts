import { Field, Int, ObjectType, registerEnumType } from "type-graphql";
import type { ArticleFilterSpec } from "../../store";

export enum DateInterval {
  DAY = "DAY",
  WEEK = "WEEK",
  MONTH = "MONTH",
}
registerEnumType(DateInterval, { name: "DateInterval", description: "The width of a date bucket." });

@ObjectType({ simpleResolvers: true, description: "How many of the filtered articles carry a tag." })
export class TagCount {
  /** Resolved through the tag loader. */
  tagId!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: "How many of the filtered articles come from a source." })
export class SourceCount {
  /** Resolved through the source loader. */
  sourceId!: number;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: "How many of the filtered articles have a value." })
export class ValueCount {
  @Field(() => String)
  value!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: "How many of the filtered articles were published in a period." })
export class DateBucket {
  @Field(() => String, { description: 'e.g. "2024-06-18" (DAY), "2024-W25" (WEEK, ISO), "2024-06" (MONTH), in the time zone asked for.' })
  key!: string;

  @Field(() => Date, { description: "The bucket's first instant in that time zone." })
  start!: Date;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ simpleResolvers: true, description: "Counts over a filtered set of articles, for dashboards; each agrees with totalCount of the same filter." })
export class Facets {
  /** The filter every count is over. */
  filter?: ArticleFilterSpec;
}
