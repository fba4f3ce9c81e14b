/** The tables of Newsgate; the object types among them are also GraphQL types. */
export { Article } from "./article.entity";
export { ArticleRelation } from "./article-relation.entity";
export { ArticleSource } from "./article-source.entity";
export { ArticleTag } from "./article-tag.entity";
export { Attachment } from "./attachment.entity";
export { Author } from "./author.entity";
export { Image } from "./image.entity";
export { Link } from "./link.entity";
export { Node } from "./node.interface";
export { Source } from "./source.entity";
export { SourceFetchState } from "./source-fetch-state.entity";
export { SourceKind } from "./source-kind.enum";
export { Tag } from "./tag.entity";
export { ApiKey } from "./api-key.entity";
export { EditorialOverride } from "./editorial-override.entity";

import { Article } from "./article.entity";
import { ArticleRelation } from "./article-relation.entity";
import { ArticleSource } from "./article-source.entity";
import { ArticleTag } from "./article-tag.entity";
import { Attachment } from "./attachment.entity";
import { Author } from "./author.entity";
import { Image } from "./image.entity";
import { Link } from "./link.entity";
import { Source } from "./source.entity";
import { SourceFetchState } from "./source-fetch-state.entity";
import { Tag } from "./tag.entity";
import { ApiKey } from "./api-key.entity";
import { EditorialOverride } from "./editorial-override.entity";

export const entities = [Source, Article, Tag, ArticleTag, Image, Link, ArticleRelation, ArticleSource, SourceFetchState, ApiKey, EditorialOverride, Author, Attachment];
