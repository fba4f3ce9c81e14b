import type { DataSource } from "typeorm";
import { SourceKind } from "../src/entities";
import { ensureSource, upsertArticles, type ArticleDraft, type UpsertResult } from "../src/store";
import { zonedDayAt } from "../src/text/dates";
import dortmund from "./dortmund-internationales.json";

/** A seed file: one source and its articles, as captured from the source's pages. */
interface SeedFile {
  source: { name: string; url: string | null; kind: string; language: string | null };
  articles: (Omit<ArticleDraft, "publishedAt"> & { published: string | null })[];
}

const SEED_FILES: SeedFile[] = [dortmund as SeedFile];

/** Where the seed pages come from; their calendar days are read in this zone. */
const SEED_TIME_ZONE = "Europe/Berlin";

/**
 * Loads the seed data through the same write path as fetched feeds. Idempotent: a second
 * run finds every article unchanged and writes nothing.
 */
export async function loadSeeds(db: DataSource): Promise<UpsertResult> {
  const total: UpsertResult = { created: 0, updated: 0, unchanged: 0, articleIds: [] };
  for (const file of SEED_FILES) {
    const source = await ensureSource(db, { ...file.source, kind: SourceKind.SEED });
    const drafts = file.articles.map(({ published, ...article }) => ({
      ...article,
      language: article.language ?? file.source.language,
      // The page gives a calendar day only: noon there keeps that day in every zone from UTC-10 to UTC+12.
      publishedAt: published ? zonedDayAt(published, 12, SEED_TIME_ZONE) : null,
    }));
    const result = await upsertArticles(db, source.id, drafts);
    total.created += result.created;
    total.updated += result.updated;
    total.unchanged += result.unchanged;
    total.articleIds.push(...result.articleIds);
  }
  return total;
}
