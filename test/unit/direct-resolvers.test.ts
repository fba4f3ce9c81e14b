import "reflect-metadata";
import { graphql, type GraphQLSchema } from "graphql";
import { Arg, Authorized, Ctx, Field, FieldResolver, InputType, Int, ObjectType, Query, Resolver, Root, UseMiddleware, buildSchema } from "type-graphql";
import { Max } from "class-validator";
import { calledDirectly, callFieldResolversDirectly } from "../../src/graphql/execution/direct-resolvers";

@ObjectType()
class Item {
  @Field(() => Int)
  n!: number;
}

@InputType()
class Limit {
  @Field(() => Int)
  @Max(10)
  max!: number;
}

interface Ctx {
  calls: string[];
  role?: string;
}

const item = (n: number) => Object.assign(new Item(), { n });

@Resolver(() => Item)
class ItemResolver {
  @Query(() => [Item])
  items(@Arg("plain", () => Boolean, { defaultValue: false }) plain: boolean): Item[] {
    // A plain object is not an Item yet: type-graphql converts it.
    return plain ? ([{ n: 1 }] as Item[]) : [item(1), item(2)];
  }

  @FieldResolver(() => String)
  label(@Root() root: Item, @Ctx() context: Ctx): string {
    context.calls.push(`label ${root.n} ${root instanceof Item}`);
    return `#${root.n}`;
  }

  @FieldResolver(() => Int)
  times(@Root() root: Item, @Ctx() context: Ctx, @Arg("by", () => Int, { defaultValue: 2 }) by: number): number {
    context.calls.push(`times ${by}`);
    if (by < 0) throw new Error("by: use 0 or more");
    return root.n * by;
  }

  @Authorized("editor")
  @FieldResolver(() => String)
  secret(@Root() root: Item): string {
    return `secret ${root.n}`;
  }

  @UseMiddleware(({ context }: { context: Ctx }, next) => {
    context.calls.push("middleware");
    return next();
  })
  @FieldResolver(() => Int)
  watched(@Root() root: Item): number {
    return root.n;
  }

  @FieldResolver(() => Int)
  capped(@Root() root: Item, @Arg("limit", () => Limit) limit: Limit): number {
    return Math.min(root.n, limit.max);
  }
}

describe("callFieldResolversDirectly", () => {
  let schema: GraphQLSchema;
  beforeAll(async () => {
    schema = await buildSchema({
      resolvers: [ItemResolver],
      authChecker: ({ context }, roles) => roles.includes((context as Ctx).role ?? ""),
      validate: { forbidUnknownValues: false },
    });
  });
  const run = async (source: string, role?: string) => {
    const context: Ctx = { calls: [], role };
    const result = await graphql({ schema, source, contextValue: context });
    return { result: JSON.parse(JSON.stringify(result)), calls: context.calls };
  };

  it("calls a field's method directly only where type-graphql's wrapper would pass everything on", async () => {
    const before = await run("{ items { label times(by: 3) } }");
    expect(callFieldResolversDirectly(schema)).toEqual(["Item.label", "Item.times"]);
    const fields = (schema.getType("Item") as unknown as { getFields(): Record<string, { resolve?: unknown }> }).getFields();
    expect(Object.entries(fields).filter(([, field]) => calledDirectly(field.resolve)).map(([name]) => name)).toEqual(["label", "times"]);
    // Again: nothing more to do.
    expect(callFieldResolversDirectly(schema)).toEqual([]);
    // The same answer; a field with an argument no longer waits for type-graphql's
    // asynchronous validation, so each item's fields resolve in turn.
    const data = { items: [{ label: "#1", times: 3 }, { label: "#2", times: 6 }] };
    expect(before).toEqual({ result: { data }, calls: ["label 1 true", "label 2 true", "times 3", "times 3"] });
    expect(await run("{ items { label times(by: 3) } }")).toEqual({ result: { data }, calls: ["label 1 true", "times 3", "label 2 true", "times 3"] });
  });

  it("leaves roles, middleware, object arguments and roots to convert to type-graphql", async () => {
    callFieldResolversDirectly(schema);
    expect((await run("{ items { secret } }")).result.errors[0].message).toMatch(/Access denied/);
    expect((await run("{ items { secret } }", "editor")).result.data.items[0]).toEqual({ secret: "secret 1" });
    expect((await run("{ items { watched } }")).calls).toEqual(["middleware", "middleware"]);
    expect((await run("{ items { capped(limit: { max: 20 }) } }")).result.errors[0].message).toMatch(/Argument Validation Error/);
    // A plain object as root goes through type-graphql, which makes it an Item.
    expect(await run("{ items(plain: true) { label } }")).toEqual({ result: { data: { items: [{ label: "#1" }] } }, calls: ["label 1 true"] });
  });

  it("reports a direct method's error as a field error", async () => {
    callFieldResolversDirectly(schema);
    // Thrown at once, the first error nulls the list (its items are non-null) before the next
    // item runs, as graphql-js does with any resolver that throws.
    expect((await run("{ items { n times(by: -1) } }")).result).toEqual({
      data: null,
      errors: [{ message: "by: use 0 or more", locations: [{ line: 1, column: 13 }], path: ["items", 0, "times"] }],
    });
  });
});
