import { Field, Float, ObjectType } from "type-graphql";
import { Article } from "../../entities";
import type { SearchQuery } from "../../search/search-query";
import { PageInfo } from "./page-info.type";

@ObjectType({ simpleResolvers: true, description: "An article matching a search, with its score and best passage." })
export class SearchEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Article)
  node!: Article;

  @Field(() => Float, { description: "How well the article matches; higher is better (BM25, the title weighs most)." })
  score!: number;

  /** The parsed search, for the snippet. */
  query!: SearchQuery;
}

@ObjectType({ simpleResolvers: true, description: "A page of search results, best match first (Relay cursor connection)." })
export class SearchConnection {
  @Field(() => [SearchEdge])
  edges!: SearchEdge[];

  @Field(() => [Article])
  nodes!: Article[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts every match; run only when totalCount is asked for. */
  countTotal!: () => number | Promise<number>;
}
