import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from "type-graphql";
import { Source, Tag } from "../../entities";
import { bucketDays } from "../../search/date-buckets";
import { countByLocalDay, countBySource, countByTag, countByValue, publishedRange } from "../../store";
import { isTimeZone, offsetSegments } from "../../text/dates";
import { toFilterSpec } from "../article-filter-input";
import type { Context } from "../context";
import { badUserInput } from "../errors";
import { ArticleFilter } from "../types/article-filter.input";
import { DateBucket, DateInterval, Facets, SourceCount, TagCount, ValueCount } from "../types/facets.type";

const MAX_FACET_VALUES = 100;

function limit(first: number | null, field: string): number {
  const value = first ?? 20;
  if (value < 1 || value > MAX_FACET_VALUES) {
    throw badUserInput(`${field}(first: ${value}) is out of range; ask for 1 to ${MAX_FACET_VALUES} values.`, { argument: "first" });
  }
  return value;
}

const firstArg = { nullable: true, defaultValue: 20, description: `How many values, most frequent first; 1..${MAX_FACET_VALUES}.` };

@Resolver(() => Facets)
export class FacetsResolver {
  @Query(() => Facets, { description: "Counts by tag, source, category, language and publication date over the filtered articles." })
  facets(@Arg("filter", () => ArticleFilter, { nullable: true }) filter?: ArticleFilter | null): Facets {
    return { filter: toFilterSpec(filter) };
  }

  @FieldResolver(() => [TagCount])
  async tags(@Root() facets: Facets, @Ctx() { db }: Context, @Arg("first", () => Int, firstArg) first: number | null): Promise<TagCount[]> {
    return (await countByTag(db, facets.filter, limit(first, "tags"))).map(({ key, count }) => ({ tagId: key, count }));
  }

  @FieldResolver(() => [SourceCount])
  async sources(@Root() facets: Facets, @Ctx() { db }: Context, @Arg("first", () => Int, firstArg) first: number | null): Promise<SourceCount[]> {
    return (await countBySource(db, facets.filter, limit(first, "sources"))).map(({ key, count }) => ({ sourceId: key, count }));
  }

  @FieldResolver(() => [ValueCount])
  async categories(@Root() facets: Facets, @Ctx() { db }: Context, @Arg("first", () => Int, firstArg) first: number | null): Promise<ValueCount[]> {
    return (await countByValue(db, "category", facets.filter, limit(first, "categories"))).map(({ key, count }) => ({ value: key, count }));
  }

  @FieldResolver(() => [ValueCount])
  async languages(@Root() facets: Facets, @Ctx() { db }: Context, @Arg("first", () => Int, firstArg) first: number | null): Promise<ValueCount[]> {
    return (await countByValue(db, "language", facets.filter, limit(first, "languages"))).map(({ key, count }) => ({ value: key, count }));
  }

  @FieldResolver(() => [DateBucket], { description: "Dated articles per period, oldest first; periods without articles are left out." })
  async published(
    @Root() facets: Facets,
    @Ctx() { db }: Context,
    @Arg("interval", () => DateInterval) interval: DateInterval,
    @Arg("timeZone", () => String, { defaultValue: "Europe/Berlin", description: 'An IANA time zone, e.g. "Europe/Berlin" or "UTC".' })
    timeZone: string,
  ): Promise<DateBucket[]> {
    if (!isTimeZone(timeZone)) {
      throw badUserInput(`timeZone: "${timeZone.slice(0, 60)}" is not a time zone; use an IANA name such as "Europe/Berlin" or "UTC".`, { argument: "timeZone" });
    }
    const range = await publishedRange(db, facets.filter);
    if (!range) return [];
    const days = await countByLocalDay(db, facets.filter, offsetSegments(timeZone, range.min, range.max));
    return bucketDays(days, interval, timeZone);
  }
}

@Resolver(() => TagCount)
export class TagCountResolver {
  @FieldResolver(() => Tag)
  async tag(@Root() count: TagCount, @Ctx() { loaders }: Context): Promise<Tag> {
    return (await loaders.tagById.load(count.tagId)) as Tag;
  }
}

@Resolver(() => SourceCount)
export class SourceCountResolver {
  @FieldResolver(() => Source)
  async source(@Root() count: SourceCount, @Ctx() { loaders }: Context): Promise<Source> {
    return (await loaders.sourceById.load(count.sourceId)) as Source;
  }
}
