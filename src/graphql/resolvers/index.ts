import { ArticleResolver } from "./article.resolver";
import { ArticleConnectionResolver, TagConnectionResolver } from "./connection.resolver";
import { NodeResolver } from "./node.resolver";
import { SourceResolver } from "./source.resolver";
import { TagResolver } from "./tag.resolver";

/** Every resolver class of the schema. */
export const resolvers = [
  NodeResolver,
  ArticleResolver,
  TagResolver,
  SourceResolver,
  ArticleConnectionResolver,
  TagConnectionResolver,
] as const;
