import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Attachment, Author, Image, Link, Tag } from "../entities";
import { toAttachment, toAuthor, toImage, toLink, toTag } from "./rows";
import { groupBy, select } from "./sql";

/** The tags of many articles, each list in the article's own order. */
export async function findTagsByArticleIds(db: DataSource, articleIds: readonly number[]): Promise<Tag[][]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT x.article_id, t.* FROM article_tags x JOIN tags t ON t.id = x.tag_id
     WHERE x.article_id IN (${d.idTable()}) ORDER BY x.article_id, x.position`,
    [d.list(articleIds)],
  );
  return groupBy(articleIds, rows, (row) => Number(row.article_id)).map((list) => list.map(toTag));
}

/**
 * The rows an article lists in order (images, links, authors, attachments) for many
 * articles at once: one statement, each article's list in its stored order.
 */
async function listsByArticle<T extends { articleId: number }>(
  db: DataSource,
  table: "images" | "links" | "article_authors" | "attachments",
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as the driver returns it
  toPart: (row: Record<string, any>) => T,
  articleIds: readonly number[],
): Promise<T[][]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT p.* FROM ${table} p WHERE p.article_id IN (${d.idTable()}) ORDER BY p.article_id, p.position`, [d.list(articleIds)]);
  return groupBy(articleIds, rows.map(toPart), (part) => part.articleId);
}

/** The images of many articles, each list in page order. */
export const findImagesByArticleIds = (db: DataSource, articleIds: readonly number[]): Promise<Image[][]> => listsByArticle(db, "images", toImage, articleIds);

/** The links of many articles, each list in page order. */
export const findLinksByArticleIds = (db: DataSource, articleIds: readonly number[]): Promise<Link[][]> => listsByArticle(db, "links", toLink, articleIds);

/** The authors of many articles, each list in the source's order. */
export const findAuthorsByArticleIds = (db: DataSource, articleIds: readonly number[]): Promise<Author[][]> =>
  listsByArticle(db, "article_authors", toAuthor, articleIds);

/** The attachments of many articles, each list in the source's order. */
export const findAttachmentsByArticleIds = (db: DataSource, articleIds: readonly number[]): Promise<Attachment[][]> =>
  listsByArticle(db, "attachments", toAttachment, articleIds);

export async function findImagesByIds(db: DataSource, ids: readonly number[]): Promise<(Image | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT i.* FROM images i WHERE i.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toImage(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}
