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

/** The images of many articles, each list in page order. */
export async function findImagesByArticleIds(db: DataSource, articleIds: readonly number[]): Promise<Image[][]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT i.* FROM images i WHERE i.article_id IN (${d.idTable()}) ORDER BY i.article_id, i.position`,
    [d.list(articleIds)],
  );
  return groupBy(articleIds, rows.map(toImage), (image) => image.articleId);
}

/** The links of many articles, each list in page order. */
export async function findLinksByArticleIds(db: DataSource, articleIds: readonly number[]): Promise<Link[][]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT l.* FROM links l WHERE l.article_id IN (${d.idTable()}) ORDER BY l.article_id, l.position`,
    [d.list(articleIds)],
  );
  return groupBy(articleIds, rows.map(toLink), (link) => link.articleId);
}

/** The authors of many articles, each list in the source's order. */
export async function findAuthorsByArticleIds(db: DataSource, articleIds: readonly number[]): Promise<Author[][]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT w.* FROM article_authors w WHERE w.article_id IN (${d.idTable()}) ORDER BY w.article_id, w.position`,
    [d.list(articleIds)],
  );
  return groupBy(articleIds, rows.map(toAuthor), (author) => author.articleId);
}

/** The attachments of many articles, each list in the source's order. */
export async function findAttachmentsByArticleIds(db: DataSource, articleIds: readonly number[]): Promise<Attachment[][]> {
  const d = dialectOf(db);
  const rows = await select(
    db,
    `SELECT f.* FROM attachments f WHERE f.article_id IN (${d.idTable()}) ORDER BY f.article_id, f.position`,
    [d.list(articleIds)],
  );
  return groupBy(articleIds, rows.map(toAttachment), (attachment) => attachment.articleId);
}

export async function findImagesByIds(db: DataSource, ids: readonly number[]): Promise<(Image | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT i.* FROM images i WHERE i.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toImage(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}
