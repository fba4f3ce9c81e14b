import { Field, ObjectType } from "type-graphql";
import { Article } from "../../entities";
import { PageInfo } from "./page-info.type";

@ObjectType({ simpleResolvers: true, description: "An article in a list, with its cursor." })
export class ArticleEdge {
  @Field(() => String)
  cursor!: string;

  @Field(() => Article)
  node!: Article;
}

@ObjectType({ simpleResolvers: true, description: "A page of articles (Relay cursor connection); totalCount counts the whole list." })
export class ArticleConnection {
  @Field(() => [ArticleEdge])
  edges!: ArticleEdge[];

  @Field(() => [Article])
  nodes!: Article[];

  @Field(() => PageInfo)
  pageInfo!: PageInfo;

  /** Counts the whole list; run only when totalCount is asked for. */
  countTotal!: () => number | Promise<number>;
}
