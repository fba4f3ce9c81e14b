import { FieldResolver, Int, Resolver, Root } from "type-graphql";
import { ArticleConnection } from "../types/article-connection.type";
import { SearchConnection } from "../types/search-connection.type";
import { TagConnection } from "../types/tag-connection.type";

@Resolver(() => ArticleConnection)
export class ArticleConnectionResolver {
  @FieldResolver(() => Int, { description: "How many articles the whole list holds." })
  totalCount(@Root() connection: ArticleConnection): number | Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => TagConnection)
export class TagConnectionResolver {
  @FieldResolver(() => Int, { description: "How many tags there are." })
  totalCount(@Root() connection: TagConnection): number | Promise<number> {
    return connection.countTotal();
  }
}

@Resolver(() => SearchConnection)
export class SearchConnectionResolver {
  @FieldResolver(() => Int, { description: "How many articles match." })
  totalCount(@Root() connection: SearchConnection): number | Promise<number> {
    return connection.countTotal();
  }
}
