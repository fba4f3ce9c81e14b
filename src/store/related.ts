import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Article } from "../entities";
import { articleListColumns, toArticle, UNDATED_SORT_AT } from "./rows";
import { groupBy, select } from "./sql";

/**
 * How many of each tag's newest articles related news considers. Tags of generated or busy
 * feeds hold thousands of articles; ranking all of them made one front page cost tens of
 * milliseconds at 10k articles and most of a second at 100k. With the window, the statement
 * reads at most `TAG_WINDOW` index rows per tag of each article, whatever the store's size.
 */
export const TAG_WINDOW = 32;

/**
 * The related news of many articles in one statement, at most `limit` each: first the
 * editorial choice in its stored order, then articles sharing the most tags (newest
 * first). Never the article itself, never one article twice.
 *
 * Articles sharing tags are looked for among the newest `TAG_WINDOW` articles of each of the
 * article's tags (read newest first from ix_article_tags_recent), and a shared tag counts
 * when the other article is among that tag's newest `TAG_WINDOW`. This is an approximation:
 * an article sharing many tags but older than the newest `TAG_WINDOW` of every one of them
 * is not considered, and so at most `TAG_WINDOW` articles per tag fill the list.
 */
export async function findRelatedByArticleIds(db: DataSource, articleIds: readonly number[], limit: number): Promise<Article[][]> {
  const d = dialectOf(db);
  // Where each tag's window ends: the key of its TAG_WINDOW-th newest article; a tag with
  // fewer articles has no end (everything from the undated up is inside).
  const windows = `
    SELECT t.tag_id, COALESCE(k.sort_at, ${UNDATED_SORT_AT}) AS sort_at, COALESCE(k.article_id, 0) AS article_id
    FROM (SELECT DISTINCT x.tag_id FROM article_tags x WHERE x.article_id IN (SELECT id FROM owners)) t
    LEFT JOIN article_tags k ON k.tag_id = t.tag_id AND k.article_id = (
      SELECT z.article_id FROM article_tags z WHERE z.tag_id = t.tag_id ORDER BY z.sort_at DESC, z.article_id DESC LIMIT 1 OFFSET ?
    )`;
  // Inside the windows of an owner's tags: (CROSS JOIN keeps SQLite reading the owner's tags first.)
  const inWindow = (owner: string, other: string) =>
    `FROM article_tags m CROSS JOIN windows w CROSS JOIN article_tags ${other}
     WHERE m.article_id = ${owner} AND w.tag_id = m.tag_id AND ${other}.tag_id = m.tag_id
       AND (${other}.sort_at, ${other}.article_id) >= (w.sort_at, w.article_id)`;
  // Per owner, the ids of the best `limit` (an IN list with ORDER BY … LIMIT, evaluated once per
  // owner); then the winners are read whole and put in order with the same keys.
  const sql = `
    WITH owners AS (${d.idTable()}),
    windows AS MATERIALIZED (${windows})
    SELECT o.id AS owner_id, e.position AS editorial_position,
      (SELECT COUNT(*) ${inWindow("o.id", "s")} AND s.article_id = a.id) AS shared,
      ${articleListColumns("a")}
    FROM owners o
    JOIN articles a ON a.id IN (
      SELECT c.related_id FROM (
        SELECT r.related_id, 0 AS grp, r.position AS pos, 0 AS shared, 0 AS sort_at
        FROM article_relations r WHERE r.article_id = o.id AND r.related_id <> o.id
        UNION ALL
        SELECT y.article_id, 1, 0, COUNT(*), MAX(y.sort_at)
        ${inWindow("o.id", "y")} AND y.article_id <> o.id
          AND NOT EXISTS (SELECT 1 FROM article_relations n WHERE n.article_id = o.id AND n.related_id = y.article_id)
        GROUP BY y.article_id
      ) c
      ORDER BY c.grp, c.pos, c.shared DESC, c.sort_at DESC, c.related_id DESC LIMIT ?
    )
    LEFT JOIN article_relations e ON e.article_id = o.id AND e.related_id = a.id
    ORDER BY o.id, e.position IS NULL, e.position, shared DESC, a.sort_at DESC, a.id DESC`;
  const rows = await select(db, sql, [d.list(articleIds), TAG_WINDOW - 1, limit]);
  return groupBy(articleIds, rows, (row) => Number(row.owner_id)).map((list) => list.map((row) => toArticle(row, d)));
}
