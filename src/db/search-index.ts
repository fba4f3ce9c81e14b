/**
 * The SQLite full-text index (FTS5 table `article_fts`) holds folded title, teaser, body text
 * and tag names of every article. Triggers mark what changed in `search_dirty`; this rewrites
 * those rows, once per article, and is run by every write transaction before it commits.
 */
export async function refreshSearchIndex(run: (sql: string) => Promise<unknown>): Promise<void> {
  await run("DELETE FROM article_fts WHERE rowid IN (SELECT article_id FROM search_dirty)");
  await run(`
    INSERT INTO article_fts (rowid, title, teaser, body, tags)
    SELECT a.id, ng_fold(a.title), ng_fold(a.teaser), ng_fold(ng_html_text(a.body)),
      ng_fold((SELECT group_concat(t.name, ' ') FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id))
    FROM search_dirty d JOIN articles a ON a.id = d.article_id`);
  await run("DELETE FROM search_dirty");
}
