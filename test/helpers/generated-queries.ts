import { seededRandom } from "../../src/generate/random";
/**
 * Deterministic pseudo-random GraphQL reads over the schema, for comparing servers: the same
 * seed and catalogue always give the same queries, in the same order.
 */

/** Values of the store the queries pick from (read from a server before generating). */
export interface Catalogue {
  tagSlugs: string[];
  tagIds: string[];
  sourceIds: string[];
  articleIds: string[];
  articleSlugs: string[];
  cursors: string[];
  dates: string[];
  words: string[];
}

export interface GeneratedQuery {
  query: string;
  variables?: Record<string, unknown>;
}

/** The query that reads a catalogue; see catalogueOf. */
export const CATALOGUE_QUERY = `{
  tags(first: 100) { nodes { id slug } }
  sources { id }
  articles(first: 100) { edges { cursor node { id slug title publishedAt } } }
}`;

interface CatalogueData {
  tags: { nodes: { id: string; slug: string }[] };
  sources: { id: string }[];
  articles: { edges: { cursor: string; node: { id: string; slug: string; title: string; publishedAt: string | null } }[] };
}

export function catalogueOf(data: CatalogueData): Catalogue {
  const articles = data.articles.edges;
  const words = new Set<string>();
  for (const { node } of articles) for (const word of node.title.split(/[^\p{L}\p{N}]+/u)) if (word.length >= 4) words.add(word.toLowerCase());
  return {
    tagSlugs: data.tags.nodes.map((tag) => tag.slug),
    tagIds: data.tags.nodes.map((tag) => tag.id),
    sourceIds: data.sources.map((source) => source.id),
    articleIds: articles.map((edge) => edge.node.id),
    articleSlugs: articles.map((edge) => edge.node.slug),
    cursors: articles.map((edge) => edge.cursor),
    dates: articles.flatMap((edge) => (edge.node.publishedAt ? [edge.node.publishedAt] : [])),
    words: [...words].sort(),
  };
}

/** A value written as a GraphQL literal. */
function literal(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(literal).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    return `{${Object.entries(value).map(([key, member]) => `${key}: ${literal(member)}`).join(", ")}}`;
  }
  return JSON.stringify(value);
}

const ARTICLE_SCALARS = ["id", "slug", "title", "teaser", "category", "language", "url", "publishedAt", "updatedAt", "author"];
const ARTICLE_LISTS = ["tags { slug name }", "source { id name kind }", "images { url alt credit }", "links { url label rel }", "authors { name url }", "attachments { url mimeType }"];

export function generateQueries(catalogue: Catalogue, count: number, seed: number): GeneratedQuery[] {
  const random = seededRandom(seed);
  const chance = (p: number) => random() < p;
  const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(values: T[]): T => values[Math.floor(random() * values.length)];
  const some = <T>(values: T[], max: number): T[] => {
    const chosen = new Set<T>();
    const wanted = int(1, Math.min(max, values.length));
    while (chosen.size < wanted) chosen.add(pick(values));
    return [...chosen];
  };

  /** Page sizes: mostly valid, now and then out of range (an error to compare). */
  const pageSize = () => (chance(0.04) ? pick([0, 101, -1]) : int(1, 12));
  const cursor = () => (chance(0.05) ? "not-a-cursor" : pick(catalogue.cursors));

  const articleSelection = (nested: boolean): string => {
    const fields = some(ARTICLE_SCALARS, 4);
    if (chance(0.5)) fields.push(...some(ARTICLE_LISTS, 2));
    if (chance(0.15)) fields.push("body");
    if (!nested && chance(0.35)) fields.push(`related(first: ${chance(0.05) ? 101 : int(0, 4)}) { ${some(ARTICLE_SCALARS, 2).join(" ")} }`);
    if (!nested && chance(0.1)) fields.push("tags { slug articleCount }");
    return fields.join(" ");
  };

  const filter = (): Record<string, unknown> | undefined => {
    if (chance(0.3)) return undefined;
    const spec: Record<string, unknown> = {};
    if (chance(0.45)) spec.tags = some(catalogue.tagSlugs, 2);
    if (chance(0.3)) spec.sourceIds = some(catalogue.sourceIds, 2);
    if (chance(0.35)) spec.publishedAfter = pick(catalogue.dates);
    if (chance(0.1)) spec.allTags = some(catalogue.tagSlugs, 2);
    if (chance(0.1)) spec.excludeTags = some(catalogue.tagSlugs, 1);
    if (chance(0.05)) spec.publishedAfter = "yesterday";
    return spec;
  };

  const connectionArgs = (): Record<string, unknown> => {
    const args: Record<string, unknown> = {};
    if (chance(0.85)) args.first = pageSize();
    if (chance(0.3)) args.after = cursor();
    const spec = filter();
    if (spec) args.filter = spec;
    return args;
  };

  const searchText = (): string => {
    const word = pick(catalogue.words);
    switch (int(0, 4)) {
      case 0:
        return `${word.slice(0, 3)}*`;
      case 1:
        return `${word} ${pick(catalogue.words)}`;
      case 2:
        return `"${word}"`;
      case 3:
        return `${word} OR ${pick(catalogue.words)}`;
      default:
        return word;
    }
  };

  const connection = (selection: string) =>
    `totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } ${chance(0.5) ? `nodes { ${selection} }` : `edges { cursor node { ${selection} } }`}`;

  /** A query with its arguments inline, or (half the time) as variables. */
  const withArgs = (field: string, args: Record<string, unknown>, types: Record<string, string>, body: string): GeneratedQuery => {
    const names = Object.keys(args);
    if (names.length === 0) return { query: `{ ${field} { ${body} } }` };
    if (chance(0.5)) return { query: `{ ${field}(${names.map((name) => `${name}: ${literal(args[name])}`).join(", ")}) { ${body} } }` };
    const declared = names.map((name) => `$${name}: ${types[name]}`).join(", ");
    return { query: `query Generated(${declared}) { ${field}(${names.map((name) => `${name}: $${name}`).join(", ")}) { ${body} } }`, variables: args };
  };

  const CONNECTION_TYPES = { first: "Int", after: "String", filter: "ArticleFilter", query: "String!" };

  /** A few query texts asked again and again with other variables: the front door prepares them. */
  const templates = Array.from({ length: 4 }, () => `query Template($first: Int, $filter: ArticleFilter) { articles(first: $first, filter: $filter) { ${connection(articleSelection(false))} } }`);

  const kinds: (() => GeneratedQuery)[] = [
    () => withArgs("articles", connectionArgs(), CONNECTION_TYPES, connection(articleSelection(false))),
    () => ({ query: pick(templates), variables: { first: int(1, 10), filter: filter() ?? null } }),
    () => {
      const args = Object.assign({ query: searchText() }, connectionArgs());
      const selection = chance(0.5) ? `nodes { ${articleSelection(true)} }` : `edges { score snippet cursor node { ${articleSelection(true)} } }`;
      return withArgs("search", args, CONNECTION_TYPES, `totalCount pageInfo { hasNextPage endCursor } ${selection}`);
    },
    () => {
      const parts = some(
        [
          `tags(first: ${int(1, 8)}) { count tag { slug name } }`,
          `sources(first: ${int(1, 5)}) { count source { id name } }`,
          "categories { value count }",
          "languages { value count }",
          `published(interval: ${pick(["DAY", "WEEK", "MONTH"])}) { key count start }`,
        ],
        3,
      );
      const spec = filter();
      return withArgs("facets", spec ? { filter: spec } : {}, { filter: "ArticleFilter" }, parts.join(" "));
    },
    () => {
      const id = chance(0.1) ? pick(["nope", "QXJ0aWNsZTo5OTk5OTk="]) : pick([pick(catalogue.articleIds), pick(catalogue.tagIds), pick(catalogue.sourceIds)]);
      return withArgs("node", { id }, { id: "ID!" }, `id ... on Article { ${articleSelection(false)} } ... on Tag { slug name articleCount } ... on Source { name kind articleCount }`);
    },
    () => ({ query: `{ sources { ${some(["id", "name", "kind", "url", "enabled", "articleCount"], 4).join(" ")} } }` }),
    () => withArgs("tags", chance(0.7) ? { first: pageSize() } : {}, { first: "Int" }, `totalCount nodes { ${some(["id", "slug", "name", "articleCount"], 3).join(" ")} }`),
    () => {
      const slug = chance(0.05) ? "no-such-article" : pick(catalogue.articleSlugs);
      return withArgs("article", { slug }, { slug: "String" }, `slug related(first: ${int(0, 6)}) { ${articleSelection(true)} }`);
    },
    () => {
      const slug = pick(catalogue.tagSlugs);
      return withArgs("tag", { slug }, { slug: "String!" }, `slug articleCount articles(first: ${pageSize()}) { ${connection(articleSelection(true))} }`);
    },
  ];

  return Array.from({ length: count }, () => pick(kinds)());
}
