import type { DataSource } from "typeorm";
import { dialectOf } from "../db/dialect";
import type { Article } from "../entities";
import { toArticle } from "./rows";
import { groupBy, select } from "./sql";

/**
 * The related news of many articles in one statement, at most `limit` each: first the
 * editorial choice in its stored order, then articles sharing the most tags (newest
 * first). Never the article itself, never one article twice.
 */
export async function findRelatedByArticleIds(db: DataSource, articleIds: readonly number[], limit: number): Promise<Article[][]> {
  const d = dialectOf(db);
  const sql = `
    WITH owners AS (${d.idTable()}),
    editorial AS (
      SELECT r.article_id AS owner_id, r.related_id, 0 AS grp, r.position AS pos, 0 AS shared
      FROM article_relations r
      WHERE r.article_id IN (SELECT id FROM owners) AND r.related_id <> r.article_id
    ),
    by_tags AS (
      SELECT mine.article_id AS owner_id, theirs.article_id AS related_id, 1 AS grp, 0 AS pos, COUNT(*) AS shared
      FROM article_tags mine
      JOIN article_tags theirs ON theirs.tag_id = mine.tag_id AND theirs.article_id <> mine.article_id
      WHERE mine.article_id IN (SELECT id FROM owners)
        AND NOT EXISTS (
          SELECT 1 FROM article_relations e WHERE e.article_id = mine.article_id AND e.related_id = theirs.article_id
        )
      GROUP BY mine.article_id, theirs.article_id
    ),
    candidates AS (SELECT * FROM editorial UNION ALL SELECT * FROM by_tags),
    ranked AS (
      SELECT c.owner_id, c.related_id,
        ROW_NUMBER() OVER (PARTITION BY c.owner_id ORDER BY c.grp, c.pos, c.shared DESC, s.sort_at DESC, s.id DESC) AS rn
      FROM candidates c JOIN articles s ON s.id = c.related_id
    )
    -- Rank narrow rows; read whole articles only for the winners.
    SELECT r.owner_id, r.rn, a.* FROM ranked r JOIN articles a ON a.id = r.related_id WHERE r.rn <= ? ORDER BY r.owner_id, r.rn`;
  const rows = await select(db, sql, [d.list(articleIds), limit]);
  return groupBy(articleIds, rows, (row) => Number(row.owner_id)).map((list) => list.map((row) => toArticle(row, d)));
}
