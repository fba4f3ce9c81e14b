import { ArticleResolver } from "./article.resolver";
import { ArticleMutationResolver } from "./article-mutation.resolver";
import { TagMutationResolver } from "./tag-mutation.resolver";
import { SourceMutationResolver } from "./source-mutation.resolver";
import { ChangesResolver } from "./changes.resolver";
import { FacetsResolver, SourceCountResolver, TagCountResolver } from "./facets.resolver";
import { SearchResolver } from "./search.resolver";
import { ArticleConnectionResolver, SearchConnectionResolver, TagConnectionResolver } from "./connection.resolver";
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
  SearchConnectionResolver,
  SearchResolver,
  FacetsResolver,
  TagCountResolver,
  SourceCountResolver,
  ChangesResolver,
  ArticleMutationResolver,
  TagMutationResolver,
  SourceMutationResolver,
] as const;
