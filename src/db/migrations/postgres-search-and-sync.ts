import type { QueryRunner } from "typeorm";

/** The channel every committed change of the store is announced on, with the new change number. */
export const CHANGES_CHANNEL = "newsgate_changes";

/**
 * PostgreSQL's side of the SearchAndSync migration; the same behaviour as the SQLite triggers
 * and FTS5 index, in PostgreSQL's terms:
 * - `ng_fold(text)` folds like foldForSearch (src/search/fold.ts): lower case, ß → ss,
 *   accents off (the unaccent extension), ae/oe/ue → a/o/u, and every ASCII character that is
 *   neither letter nor digit a space, so words split where the search parser splits them;
 * - `ng_html_text(text)` is the plain text of a sanitized body (tags off, entities decoded);
 * - `article_search` holds one tsvector per article under a GIN index, weighted A title,
 *   B tags, C teaser, D body. Triggers mark changed articles in `search_dirty`; a deferred
 *   trigger rewrites each marked article's document once, when its transaction commits;
 * - `change_seq`, `article_tombstones` and `change_counter` move as on SQLite, and every
 *   commit that moved the counter announces the new value on the `newsgate_changes` channel
 *   (LISTEN/NOTIFY), so that other instances retire their cached responses.
 */
export async function upPostgresSearchAndSync(qr: QueryRunner): Promise<void> {
  const unaccent = await unaccentSchema(qr);

  await qr.query(`
    CREATE FUNCTION ng_fold(input text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
      SELECT regexp_replace(
        replace(replace(replace(lower(${unaccent}.unaccent('${unaccent}.unaccent'::regdictionary, replace(lower(input), 'ß', 'ss'))), 'ae', 'a'), 'oe', 'o'), 'ue', 'u'),
        '[\\x01-\\x2f\\x3a-\\x40\\x5b-\\x60\\x7b-\\x7f]+', ' ', 'g')
    $$`);
  // Search terms arrive folded by foldForSearch already; unaccent also spells out letters that
  // have no accent to strip (æ, ø, ł, œ …), which the index saw through ng_fold: such a lexeme
  // of a tsquery gets the same treatment. Lexemes are letters and digits only, never quotes.
  await qr.query(`
    CREATE FUNCTION ng_fold_lexemes(query text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      lexeme text[];
      spelled text;
      folded text := query;
    BEGIN
      FOR lexeme IN SELECT DISTINCT regexp_matches(query, '''([^'']+)''', 'g') LOOP
        spelled := ${unaccent}.unaccent('${unaccent}.unaccent'::regdictionary, lexeme[1]);
        IF spelled <> lexeme[1] THEN
          spelled := replace(ng_fold(spelled), ' ', '');
          IF spelled <> '' THEN
            folded := replace(folded, '''' || lexeme[1] || '''', '''' || spelled || '''');
          END IF;
        END IF;
      END LOOP;
      RETURN folded;
    END $$`);
  await qr.query(`
    CREATE FUNCTION ng_html_text(html text) RETURNS text LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
    DECLARE
      text_only text;
      entity text[];
    BEGIN
      text_only := regexp_replace(html, '<(script|style|noscript|template)\\M.*?</\\1\\s*>', ' ', 'gis');
      text_only := regexp_replace(text_only, '</?(p|br|div|li|h[1-6]|blockquote|tr|figure|figcaption)\\M[^>]*>', ' ', 'gi');
      text_only := regexp_replace(text_only, '<[^>]*>', '', 'g');
      FOR entity IN SELECT regexp_matches(text_only, '&#([xX]?[0-9a-fA-F]{1,6});', 'g') LOOP
        BEGIN
          text_only := replace(text_only, '&#' || entity[1] || ';',
            chr(CASE WHEN entity[1] ~* '^x' THEN ('x' || lpad(substr(entity[1], 2), 8, '0'))::bit(32)::int ELSE entity[1]::int END));
        EXCEPTION WHEN others THEN
          text_only := replace(text_only, '&#' || entity[1] || ';', ' ');
        END;
      END LOOP;
      text_only := replace(replace(replace(replace(replace(text_only, '&lt;', '<'), '&gt;', '>'), '&quot;', '"'), '&apos;', ''''), '&nbsp;', ' ');
      text_only := replace(text_only, '&amp;', '&');
      RETURN nullif(btrim(regexp_replace(text_only, '\\s+', ' ', 'g')), '');
    END $$`);

  await qr.query("CREATE TABLE search_dirty (article_id integer PRIMARY KEY NOT NULL)");
  await qr.query(`
    CREATE TABLE article_search (
      article_id integer PRIMARY KEY NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
      document tsvector NOT NULL
    )`);
  await qr.query("CREATE INDEX ix_article_search_document ON article_search USING gin (document)");
  await qr.query(`
    CREATE FUNCTION ng_search_document(article integer) RETURNS tsvector LANGUAGE sql STABLE AS $$
      SELECT setweight(to_tsvector('simple', ng_fold(a.title)), 'A')
        || setweight(to_tsvector('simple', coalesce(ng_fold((
             SELECT string_agg(t.name, ' ' ORDER BY x.position) FROM article_tags x JOIN tags t ON t.id = x.tag_id WHERE x.article_id = a.id
           )), '')), 'B')
        || setweight(to_tsvector('simple', coalesce(ng_fold(a.teaser), '')), 'C')
        || setweight(to_tsvector('simple', coalesce(ng_fold(ng_html_text(a.body)), '')), 'D')
      FROM articles a WHERE a.id = article
    $$`);
  // Runs at commit, once per article marked in the transaction.
  await qr.query(`
    CREATE FUNCTION ng_refresh_search() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM search_dirty WHERE article_id = NEW.article_id;
      INSERT INTO article_search (article_id, document)
        SELECT a.id, ng_search_document(a.id) FROM articles a WHERE a.id = NEW.article_id
        ON CONFLICT (article_id) DO UPDATE SET document = excluded.document;
      RETURN NULL;
    END $$`);
  await qr.query(`
    CREATE CONSTRAINT TRIGGER search_dirty_refresh AFTER INSERT ON search_dirty
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ng_refresh_search()`);
  await qr.query(`
    INSERT INTO article_search (article_id, document) SELECT id, ng_search_document(id) FROM articles`);

  // The next change number (a counter that never goes back, deletes included).
  await qr.query(`
    CREATE FUNCTION ng_take_seq() RETURNS bigint LANGUAGE sql AS $$
      UPDATE change_counter SET value = value + 1 WHERE id = 1 RETURNING value
    $$`);
  await qr.query(`
    CREATE FUNCTION ng_mark_dirty(article integer) RETURNS void LANGUAGE sql AS $$
      INSERT INTO search_dirty (article_id) VALUES (article) ON CONFLICT (article_id) DO NOTHING
    $$`);

  await qr.query(`
    CREATE FUNCTION ng_articles_written() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_seq := ng_take_seq();
      PERFORM ng_mark_dirty(NEW.id);
      RETURN NEW;
    END $$`);
  await qr.query("CREATE TRIGGER articles_before_insert BEFORE INSERT ON articles FOR EACH ROW EXECUTE FUNCTION ng_articles_written()");
  await qr.query(`
    CREATE TRIGGER articles_before_update
    BEFORE UPDATE OF slug, title, teaser, body, url, category, language, author, published_at, source_id, content_hash, updated_at ON articles
    FOR EACH ROW EXECUTE FUNCTION ng_articles_written()`);
  await qr.query(`
    CREATE FUNCTION ng_articles_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      DELETE FROM search_dirty WHERE article_id = OLD.id;
      INSERT INTO article_tombstones (article_id, change_seq, deleted_at) VALUES (OLD.id, ng_take_seq(), now())
        ON CONFLICT (article_id) DO UPDATE SET change_seq = excluded.change_seq, deleted_at = excluded.deleted_at;
      RETURN NULL;
    END $$`);
  await qr.query("CREATE TRIGGER articles_after_delete AFTER DELETE ON articles FOR EACH ROW EXECUTE FUNCTION ng_articles_deleted()");

  // An article whose tags or related news change is changed too: it takes a new number
  // (so sync delivers it again) and, for tags, is indexed again.
  await qr.query(`
    CREATE FUNCTION ng_article_part_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      article integer := CASE WHEN TG_OP = 'DELETE' THEN OLD.article_id ELSE NEW.article_id END;
    BEGIN
      UPDATE articles SET change_seq = ng_take_seq() WHERE id = article;
      IF FOUND AND TG_TABLE_NAME = 'article_tags' THEN
        PERFORM ng_mark_dirty(article);
      END IF;
      RETURN NULL;
    END $$`);
  for (const table of ["article_tags", "article_relations"]) {
    for (const event of ["INSERT", "DELETE"]) {
      await qr.query(`CREATE TRIGGER ${table}_after_${event.toLowerCase()} AFTER ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ng_article_part_changed()`);
    }
  }
  // A renamed tag changes every article that carries it: each takes its own new number.
  await qr.query(`
    CREATE FUNCTION ng_tag_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
      article integer;
    BEGIN
      FOR article IN SELECT article_id FROM article_tags WHERE tag_id = NEW.id ORDER BY article_id LOOP
        UPDATE articles SET change_seq = ng_take_seq() WHERE id = article;
        PERFORM ng_mark_dirty(article);
      END LOOP;
      RETURN NULL;
    END $$`);
  await qr.query("CREATE TRIGGER tags_after_rename AFTER UPDATE OF name, slug ON tags FOR EACH ROW EXECUTE FUNCTION ng_tag_renamed()");
  // Sources and tags are listed on their own and shown in articles: a new, changed or
  // removed one changes the store.
  await qr.query(`
    CREATE FUNCTION ng_store_changed() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM ng_take_seq();
      RETURN NULL;
    END $$`);
  await qr.query("CREATE TRIGGER sources_after_update AFTER UPDATE OF name, url, kind, enabled ON sources FOR EACH ROW EXECUTE FUNCTION ng_store_changed()");
  for (const table of ["sources", "tags"]) {
    for (const event of ["INSERT", "DELETE"]) {
      await qr.query(`CREATE TRIGGER ${table}_after_${event.toLowerCase()} AFTER ${event} ON ${table} FOR EACH ROW EXECUTE FUNCTION ng_store_changed()`);
    }
  }

  // At commit: one notification per transaction that moved the counter (identical payloads
  // of one transaction are delivered once), carrying the final number.
  await qr.query(`
    CREATE FUNCTION ng_notify_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM pg_notify('${CHANGES_CHANNEL}', (SELECT value FROM change_counter WHERE id = 1)::text);
      RETURN NULL;
    END $$`);
  await qr.query(`
    CREATE CONSTRAINT TRIGGER change_counter_notify AFTER UPDATE ON change_counter
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION ng_notify_change()`);
}

export async function downPostgresSearchAndSync(qr: QueryRunner): Promise<void> {
  const triggers: [string, string][] = [
    ["change_counter_notify", "change_counter"], ["search_dirty_refresh", "search_dirty"], ["articles_before_insert", "articles"],
    ["articles_before_update", "articles"], ["articles_after_delete", "articles"], ["tags_after_rename", "tags"],
    ["sources_after_update", "sources"],
  ];
  for (const table of ["article_tags", "article_relations", "sources", "tags"]) {
    for (const event of ["insert", "delete"]) triggers.push([`${table}_after_${event}`, table]);
  }
  for (const [trigger, table] of triggers) await qr.query(`DROP TRIGGER IF EXISTS ${trigger} ON ${table}`);
  for (const fn of [
    "ng_notify_change()", "ng_store_changed()", "ng_tag_renamed()", "ng_article_part_changed()", "ng_articles_deleted()", "ng_articles_written()",
    "ng_mark_dirty(integer)", "ng_take_seq()", "ng_refresh_search()",
  ]) {
    await qr.query(`DROP FUNCTION IF EXISTS ${fn}`);
  }
  await qr.query("DROP TABLE IF EXISTS article_search");
  await qr.query("DROP TABLE IF EXISTS search_dirty");
  for (const fn of ["ng_search_document(integer)", "ng_html_text(text)", "ng_fold_lexemes(text)", "ng_fold(text)"]) await qr.query(`DROP FUNCTION IF EXISTS ${fn}`);
}

/**
 * Makes sure the unaccent extension is there and returns its schema. Its absence is the
 * one thing an administrator has to fix by hand, so the error says how.
 */
async function unaccentSchema(qr: QueryRunner): Promise<string> {
  const find = async () =>
    ((await qr.query(
      "SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'unaccent'",
    )) as { schema: string }[])[0]?.schema;
  let schema = await find();
  if (!schema) {
    try {
      await qr.query("SAVEPOINT newsgate_unaccent");
      await qr.query("CREATE EXTENSION IF NOT EXISTS unaccent");
      await qr.query("RELEASE SAVEPOINT newsgate_unaccent");
    } catch (error) {
      await qr.query("ROLLBACK TO SAVEPOINT newsgate_unaccent");
      const [{ db }] = (await qr.query("SELECT current_database() AS db")) as { db: string }[];
      const code = (error as { code?: string }).code;
      const how =
        code === "42501"
          ? `the database user may not create it: have a superuser run "CREATE EXTENSION unaccent;" in the database ${db}, then start again`
          : `install PostgreSQL's contrib modules on the database server (Debian/Ubuntu: apt-get install postgresql-contrib), then start again ` +
            `(or have a superuser run "CREATE EXTENSION unaccent;" in the database ${db})`;
      throw new Error(`Newsgate's full-text search needs the PostgreSQL extension unaccent, which is missing: ${how}. (${(error as Error).message})`, {
        cause: error,
      });
    }
    schema = await find();
  }
  return `"${String(schema).replace(/"/g, '""')}"`;
}
