import type { DataSource, EntityManager } from "typeorm";
import { dialectOf, type Dialect } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { slugify } from "../text/slugify";
import { rejectProblems, type FieldProblem } from "./invalid-input";
import { run, select } from "./sql";
import { insertArticleTag } from "./upsert-articles";

/** The ids among `ids` that are no tag, as problems of `field` (with `.index` for lists). */
async function missingTags(em: EntityManager, d: Dialect, ids: readonly number[], field: (index: number) => string): Promise<FieldProblem[]> {
  const found = new Set((await select<{ id: number }>(em, `SELECT id FROM tags WHERE id IN (${d.idTable()})`, [d.list([...new Set(ids)])])).map((r) => Number(r.id)));
  return ids.flatMap((id, index) => (found.has(id) ? [] : [{ field: field(index), message: "no tag has this id; take ids from a tag's id field" }]));
}

/** Marks articles as changed, so that the change feed delivers their new tags. */
async function touchArticles(em: EntityManager, d: Dialect, tagSubquery: string, params: unknown[]): Promise<void> {
  await run(em, `UPDATE articles SET updated_at = ? WHERE id IN (SELECT article_id FROM article_tags WHERE ${tagSubquery})`, [d.date(new Date()), ...params]);
}

/**
 * Renames a tag; its slug follows the new name. A name whose slug another tag has is an
 * input problem (merge the two with mergeTags instead). Every article with the tag shows
 * up in the change feed.
 */
export function renameTag(db: DataSource, id: number, name: string): Promise<void> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    const problems = await missingTags(em, d, [id], () => "id");
    const slug = slugify(name);
    const [other] = await select<{ id: number }>(em, "SELECT id FROM tags WHERE slug = ? AND id <> ?", [slug, id]);
    if (other) problems.push({ field: "name", message: `another tag already has the slug "${slug}": merge into it with mergeTags instead` });
    rejectProblems(problems);
    await run(em, "UPDATE tags SET name = ?, slug = ? WHERE id = ?", [name.trim(), slug, id]);
    await touchArticles(em, d, "tag_id = ?", [id]);
  });
}

/**
 * Merges tags into one: every article with any of `fromIds` gets `intoId` in the place of
 * the first of them (once), and the merged tags are deleted. One transaction.
 */
export function mergeTags(db: DataSource, fromIds: number[], intoId: number): Promise<void> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    const problems = [...(await missingTags(em, d, fromIds, (i) => `from.${i}`)), ...(await missingTags(em, d, [intoId], () => "into"))];
    fromIds.forEach((id, index) => id === intoId && problems.push({ field: `from.${index}`, message: "is the tag merged into; leave it out of from" }));
    rejectProblems(problems);
    const from = new Set(fromIds);
    const rows = await select<{ article_id: number; tag_id: number }>(
      em,
      `SELECT article_id, tag_id FROM article_tags WHERE article_id IN (SELECT article_id FROM article_tags WHERE tag_id IN (${d.idTable()}))
       ORDER BY article_id, position`,
      [d.list([...from])],
    );
    const byArticle = new Map<number, number[]>();
    for (const row of rows) {
      const tags = byArticle.get(Number(row.article_id)) ?? [];
      tags.push(from.has(Number(row.tag_id)) ? intoId : Number(row.tag_id));
      byArticle.set(Number(row.article_id), tags);
    }
    for (const [articleId, tags] of byArticle) {
      await run(em, "DELETE FROM article_tags WHERE article_id = ?", [articleId]);
      let position = 0;
      for (const tagId of new Set(tags)) {
        await insertArticleTag(em, articleId, tagId, position++);
      }
    }
    await run(em, `DELETE FROM tags WHERE id IN (${d.idTable()})`, [d.list([...from])]);
    await touchArticles(em, d, "tag_id = ?", [intoId]);
  });
}
