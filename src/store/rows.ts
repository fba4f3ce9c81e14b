import type { Dialect } from "../db/dialect";
import { Article, Attachment, Author, Image, Link, Source, SourceKind, Tag } from "../entities";
import { toGlobalId } from "../entities/global-id";

/** Raw rows to the objects the GraphQL types read. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw rows, as the drivers return them
type Row = Record<string, any>;

/**
 * Gives a row's object its GraphQL type's class, as the schema's field resolvers expect
 * (they would otherwise copy it into a new instance on every field they resolve).
 */
const as = <T extends object>(type: { prototype: T }, value: T): T => Object.setPrototypeOf(value, type.prototype) as T;

/** The sort key of articles without a publication date: below every real date. */
export const UNDATED_SORT_AT = Number.MIN_SAFE_INTEGER;

/**
 * The columns an article list reads: all but the body, which is read only when asked for
 * (see findArticleBodies). `alias` is the table's alias in the statement.
 */
export const articleListColumns = (alias: string): string =>
  ["id", "slug", "title", "teaser", "url", "guid", "source_id", "category", "language", "author", "published_at", "sort_at", "content_hash", "change_seq", "created_at", "updated_at"]
    .map((column) => `${alias}.${column}`)
    .join(", ");

export function toArticle(row: Row, d: Dialect): Article {
  const id = Number(row.id);
  return as(Article, {
    globalId: toGlobalId("Article", id),
    id,
    slug: row.slug,
    title: row.title,
    teaser: row.teaser,
    body: row.body,
    url: row.url,
    urlIsPermalink: row.url_is_permalink === undefined ? true : Boolean(row.url_is_permalink),
    guid: row.guid,
    sourceId: row.source_id === null ? null : Number(row.source_id),
    category: row.category,
    language: row.language,
    author: row.author,
    publishedAt: d.readDate(row.published_at),
    sortAt: Number(row.sort_at),
    contentHash: row.content_hash,
    changeSeq: Number(row.change_seq),
    createdAt: d.readDate(row.created_at) as Date,
    updatedAt: d.readDate(row.updated_at) as Date,
  });
}

export function toTag(row: Row): Tag {
  const id = Number(row.id);
  return as(Tag, { globalId: toGlobalId("Tag", id), id, name: row.name, slug: row.slug } as Tag);
}

export function toImage(row: Row): Image {
  const id = Number(row.id);
  return {
    globalId: toGlobalId("Image", id),
    id,
    articleId: Number(row.article_id),
    position: row.position,
    url: row.url,
    alt: row.alt,
    caption: row.caption,
    credit: row.credit,
    width: row.width,
    height: row.height,
  };
}

export function toAuthor(row: Row): Author {
  return { articleId: Number(row.article_id), position: row.position, name: row.name, url: row.url };
}

export function toAttachment(row: Row): Attachment {
  return {
    articleId: Number(row.article_id),
    position: row.position,
    url: row.url,
    mimeType: row.mime_type,
    sizeInBytes: row.size_in_bytes === null ? null : Number(row.size_in_bytes),
    durationInSeconds: row.duration_seconds,
    title: row.title,
  };
}

export function toLink(row: Row): Link {
  return { id: Number(row.id), articleId: Number(row.article_id), position: row.position, url: row.url, label: row.label, rel: row.rel };
}

export function toSource(row: Row, d: Dialect): Source {
  const id = Number(row.id);
  return as(Source, {
    globalId: toGlobalId("Source", id),
    id,
    name: row.name,
    url: row.url,
    kind: row.kind as SourceKind,
    enabled: Boolean(row.enabled),
    fetchIntervalSeconds: row.fetch_interval_seconds,
    lastFetchedAt: d.readDate(row.last_fetched_at),
    lastError: row.last_error,
    lastWarning: row.last_warning ?? null,
    consecutiveFailures: row.consecutive_failures,
    nextFetchAt: d.readDate(row.next_fetch_at),
    language: row.language,
    createdAt: d.readDate(row.created_at) as Date,
    updatedAt: d.readDate(row.updated_at) as Date,
  });
}
