import type { DataSource } from "typeorm";
import { SourceKind } from "../../src/entities";
import { ensureSource, upsertArticles, type ArticleDraft } from "../../src/store";

/** Writes articles through the one write path, as a feed of a test source would. */
export async function addArticles(db: DataSource, drafts: ArticleDraft[], sourceName = "Test feed"): Promise<number[]> {
  const source = await ensureSource(db, { name: sourceName, url: `https://example.org/${encodeURIComponent(sourceName)}.xml`, kind: SourceKind.RSS });
  return (await upsertArticles(db, source.id, drafts)).articleIds;
}

/** `count` dated articles, one a day back from `start`, each with `tagsEach` of the tags a…e and an image and a link. */
export function generatedDrafts(count: number, prefix = "gen", start = Date.UTC(2025, 0, 31, 8)): ArticleDraft[] {
  const tags = ["alpha", "beta", "gamma", "delta", "epsilon"];
  return Array.from({ length: count }, (_, i) => ({
    guid: `${prefix}-${i}`,
    title: `${prefix} article ${i}`,
    teaser: `Teaser ${i}`,
    body: `<p>Body ${i}</p>`,
    url: `https://example.org/${prefix}/${i}`,
    language: "en",
    publishedAt: new Date(start - i * 86_400_000),
    tags: [tags[i % 5], tags[(i + 1) % 5]],
    images: [{ url: `https://example.org/${prefix}/${i}.jpg`, alt: `Image ${i}` }],
    links: [{ url: `https://example.org/${prefix}/${i}/more`, label: "More" }],
    related: i > 0 ? [`${prefix}-${i - 1}`] : [],
  }));
}
