import { buildSchema, parse, validate, type ValidationRule } from "graphql";
import { aliasLimitRule, costLimitRule, depthLimitRule, directiveLimitRule } from "../../../src/http/limits";

const schema = buildSchema(`
  type Item { id: ID!  name: String  parts: [Part!]!  related(first: Int = 5): [Item!]!  children(first: Int, last: Int): ItemConnection! }
  type Part { label: String  item: Item }
  type ItemConnection { nodes: [Item!]!  total: Int! }
  type Query { item: Item  items(first: Int, last: Int): ItemConnection! }
`);

/** The messages of the errors `rule` reports for `query`, graphql's own rules included. */
const messages = (rule: ValidationRule, query: string) => validate(schema, parse(query), [rule]).map((e) => e.message);
const all = (query: string, rule: ValidationRule) => validate(schema, parse(query), undefined).concat(validate(schema, parse(query), [rule])).map((e) => e.message);

describe("depthLimitRule", () => {
  it("counts field levels, through fragments and inline fragments", () => {
    expect(messages(depthLimitRule(3), "{ item { related { id } } }")).toEqual([]);
    expect(messages(depthLimitRule(2), "{ item { related { id } } }")).toEqual(["Query depth 3 exceeds the maximum of 2; nest fewer fields."]);
    expect(messages(depthLimitRule(2), "{ ...Q } fragment Q on Query { item { ... on Item { related { id } } } }")).toEqual([
      "Query depth 3 exceeds the maximum of 2; nest fewer fields.",
    ]);
  });

  it("ignores introspection and survives fragment cycles", () => {
    expect(messages(depthLimitRule(2), "{ __schema { types { fields { type { ofType { name } } } } } }")).toEqual([]);
    expect(all("{ item { ...A } } fragment A on Item { related { ...A } }", depthLimitRule(10))).toEqual([
      'Cannot spread fragment "A" within itself.',
    ]);
  });
});

describe("aliasLimitRule and directiveLimitRule", () => {
  it("count a fragment at every spread", () => {
    const query = "{ item { ...F ...F ...F } } fragment F on Item { a: id b: name @include(if: true) }";
    expect(messages(aliasLimitRule(5), query)).toEqual(["Alias count 6 exceeds the maximum of 5; use fewer aliases or split the query."]);
    expect(messages(aliasLimitRule(6), query)).toEqual([]);
    expect(messages(directiveLimitRule(2), query)).toEqual(["Directive count 3 exceeds the maximum of 2; use fewer directives."]);
  });

  it("count directives on the operation, variables, spreads and fragment definitions", () => {
    const query = "query Q($v: Boolean = true) @skip(if: false) { item { ...F @include(if: $v) } } fragment F on Item @include(if: true) { id }";
    expect(validate(schema, parse(query), [directiveLimitRule(2)]).map((e) => e.message)).toContain(
      "Directive count 3 exceeds the maximum of 2; use fewer directives.",
    );
  });
});

describe("costLimitRule", () => {
  const cost = (query: string) => {
    const [message] = messages(costLimitRule(0), query);
    return message === undefined ? 0 : Number(/cost (\d+)/.exec(message)?.[1]);
  };

  it("weighs objects 1 and multiplies by first/last, the declared default or 20", () => {
    expect(cost("{ item { id name } }")).toBe(1);
    expect(cost("{ items(first: 3) { total nodes { id } } }")).toBe(1 + 3 * 1);
    expect(cost("{ items { nodes { id } } }")).toBe(1 + 20 * 1);
    expect(cost("{ items(first: 2, last: 7) { nodes { id } } }")).toBe(1 + 7 * 1);
    expect(cost("{ item { related { id } } }")).toBe(1 + 1);
    expect(cost("{ item { related { related { id } } } }")).toBe(1 + (1 + 5 * 1));
  });

  it("counts unsized lists 10, variables at 100 and fragments at every spread", () => {
    expect(cost("{ item { parts { item { id } } } }")).toBe(1 + (1 + 10 * 1));
    expect(cost("query ($n: Int) { items(first: $n) { nodes { related { id } } } }")).toBe(1 + 100 * (1 + 1));
    expect(cost("{ item { ...R ...R } } fragment R on Item { related(first: 3) { related { id } } }")).toBe(1 + 2 * (1 + 3 * 1));
  });

  it("refuses over the limit only", () => {
    expect(messages(costLimitRule(21), "{ items { nodes { id } } }")).toEqual([]);
    expect(messages(costLimitRule(20), "{ items { nodes { id } } }")).toEqual([
      "Query cost 21 exceeds the maximum of 20; ask for smaller pages (first/last) or nest fewer lists.",
    ]);
  });
});
