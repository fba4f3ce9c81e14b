import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Tag } from "../entities";
import { toPage, type Page, type PageRequest } from "./page";
import { toTag } from "./rows";
import { select } from "./sql";

/** Tags are listed by slug; a tag cursor carries the slug. */
export type TagKey = { slug: string };

export const compareTags = (a: Tag, b: Tag): number => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

export async function findTagsByIds(db: DataSource, ids: readonly number[]): Promise<(Tag | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT t.* FROM tags t WHERE t.id IN (${d.idTable()})`, [d.list(ids)]);
  const byId = new Map(rows.map((row) => [Number(row.id), toTag(row)]));
  return ids.map((id) => byId.get(id) ?? null);
}

export async function findTagsBySlugs(db: DataSource, slugs: readonly string[]): Promise<(Tag | null)[]> {
  const d = dialectOf(db);
  const rows = await select(db, `SELECT t.* FROM tags t WHERE t.slug IN (${d.textTable()})`, [d.list(slugs)]);
  const bySlug = new Map(rows.map((row) => [String(row.slug), toTag(row)]));
  return slugs.map((slug) => bySlug.get(slug) ?? null);
}

/** How many articles carry each tag. */
export async function countArticlesByTagIds(db: DataSource, tagIds: readonly number[]): Promise<number[]> {
  const d = dialectOf(db);
  const rows = await select<{ tag_id: number; n: number }>(
    db,
    `SELECT x.tag_id, COUNT(*) AS n FROM article_tags x WHERE x.tag_id IN (${d.idTable()}) GROUP BY x.tag_id`,
    [d.list(tagIds)],
  );
  const counts = new Map(rows.map((row) => [Number(row.tag_id), Number(row.n)]));
  return tagIds.map((id) => counts.get(id) ?? 0);
}

export async function countTags(db: DataSource): Promise<number> {
  const [row] = await select<{ n: number }>(db, "SELECT COUNT(*) AS n FROM tags");
  return Number(row.n);
}

/** One page of all tags, by slug. */
export async function findTagPage(db: DataSource, page: PageRequest<TagKey>): Promise<Page<Tag>> {
  const forward = page.direction === "forward";
  const near = forward ? "ASC" : "DESC";
  const far = forward ? "DESC" : "ASC";
  const params: unknown[] = [];
  let inside = "1 = 1";
  if (page.cursor) {
    inside = `t.slug ${forward ? ">" : "<"} ?`;
    params.push(page.cursor.slug);
  }
  params.push(page.limit + 1);
  let sql = `SELECT * FROM (SELECT 0 AS page_side, t.* FROM tags t WHERE ${inside} ORDER BY t.slug ${near} LIMIT ?) page_rows`;
  if (page.cursor) {
    sql += ` UNION ALL SELECT * FROM (SELECT 1 AS page_side, t.* FROM tags t WHERE t.slug ${forward ? "<=" : ">="} ? ORDER BY t.slug ${far} LIMIT 1) beyond_rows`;
    params.push(page.cursor.slug);
  }
  const raw = await select<{ page_side: number }>(db, sql, params);
  return toPage(raw, page, toTag, compareTags);
}
