import type { DataSource } from "typeorm";
import { SourceKind } from "../entities";
import { ensureSource, upsertArticles, type ArticleDraft } from "../store";
import { pick, seededRandom } from "./random";
import { ADJECTIVES, CATEGORIES, CREDITS, NOUNS, VERBS } from "./vocabulary";

export interface GenerateOptions {
  articles: number;
  /** Same seed, same articles. */
  seed?: number;
  /** Articles written per transaction. */
  batchSize?: number;
  /** Called after every batch with how many are written so far. */
  onProgress?: (written: number) => void;
}

const SOURCES = ["Stadtnachrichten", "Rathaus aktuell", "Kulturkalender", "Sportbericht", "Wirtschaftsdienst"];
const DAY_MS = 86_400_000;
/** Generated articles are spread over three years before this instant. */
const LATEST = Date.UTC(2026, 9, 1, 12);

/**
 * Fills the database with realistic articles (German-like text, tags, images, links,
 * related news, several sources) through the one write path. Returns how many it wrote.
 */
export async function generateArticles(db: DataSource, options: GenerateOptions): Promise<number> {
  const random = seededRandom(options.seed ?? 1);
  const batchSize = options.batchSize ?? 500;
  const sources = [];
  for (const name of SOURCES) sources.push(await ensureSource(db, { name: `Generiert: ${name}`, url: null, kind: SourceKind.MANUAL, language: "de" }));
  const tags = NOUNS.flatMap((noun) => [noun, `${noun} ${pick(random, ["aktuell", "2025", "im Blick", "vor Ort"])}`]);
  let written = 0;
  while (written < options.articles) {
    const count = Math.min(batchSize, options.articles - written);
    const bySource = new Map<number, ArticleDraft[]>();
    for (let i = 0; i < count; i++) {
      const n = written + i;
      const source = sources[n % sources.length];
      const drafts = bySource.get(source.id) ?? [];
      drafts.push(draft(random, n, tags, drafts));
      bySource.set(source.id, drafts);
    }
    for (const [sourceId, drafts] of bySource) await upsertArticles(db, sourceId, drafts);
    written += count;
    options.onProgress?.(written);
  }
  return written;
}

function draft(random: () => number, n: number, tags: string[], earlier: ArticleDraft[]): ArticleDraft {
  const noun = () => pick(random, NOUNS);
  const sentence = () => `Die ${pick(random, ADJECTIVES)} ${noun()} ${pick(random, VERBS)} ${pick(random, ADJECTIVES)} ${noun()} in ${noun()}.`;
  const paragraphs = Array.from({ length: 2 + Math.floor(random() * 4) }, () =>
    `<p>${Array.from({ length: 3 + Math.floor(random() * 4) }, sentence).join(" ")}</p>`,
  );
  const language = random() < 0.9 ? "de" : random() < 0.7 ? "en" : "fr";
  const dated = random() > 0.01;
  const tagCount = 1 + Math.floor(random() * 4);
  const related = earlier.length && random() < 0.2 ? [pick(random, earlier).guid as string] : [];
  return {
    guid: `generated-${n}`,
    title: `${noun()}: ${pick(random, ADJECTIVES)} ${noun()} ${pick(random, VERBS)} ${noun()} (${n})`,
    teaser: sentence(),
    body: paragraphs.join(""),
    url: `https://news.example.org/artikel/${n}`,
    category: pick(random, CATEGORIES),
    language,
    author: random() < 0.5 ? `Redaktion ${1 + (n % 7)}` : null,
    publishedAt: dated ? new Date(LATEST - Math.floor(random() * 3 * 365 * DAY_MS)) : null,
    tags: Array.from({ length: tagCount }, () => pick(random, tags)),
    images: random() < 0.6 ? [{ url: `https://news.example.org/bilder/${n}.jpg`, alt: `${noun()} in ${noun()}`, credit: pick(random, CREDITS) }] : [],
    links: random() < 0.4 ? [{ url: `https://www.example.org/${noun().toLowerCase()}`, label: `Mehr zu ${noun()}` }] : [],
    related,
  };
}
