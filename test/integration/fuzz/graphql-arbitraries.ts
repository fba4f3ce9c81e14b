import fc from "fast-check";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isLeafType,
  isListType,
  isNonNullType,
  isObjectType,
  isScalarType,
  isUnionType,
  type GraphQLArgument,
  type GraphQLInputType,
  type GraphQLNamedType,
  type GraphQLSchema,
} from "graphql";

type Gen = fc.GeneratorValue;

/** Strings the server handed out (ids, cursors, slugs), to be reused and mutated. */
export interface Pools {
  ids: string[];
  cursors: string[];
  slugs: string[];
}

export interface FuzzRequest {
  query: string;
  variables?: Record<string, unknown>;
}

const b64 = (text: string) => Buffer.from(text).toString("base64url");

const INTS = [0, -1, 1, 2, 5, 20, 99, 100, 101, 500, 501, 2147483647, -2147483648];
const INT_VALUES = fc.oneof(fc.constantFrom(...INTS), fc.integer({ min: -200, max: 200 }), fc.double());
const NUMBERS = ["9007199254740993", "99999999999999999999", "-0", "1e308", "0x10", "00012"];

/** Text that looks like what the server expects, but is not quite. */
function trickyString(g: Gen, pools: Pools): string {
  const kind = g(fc.integer, { min: 0, max: 9 });
  const any = (list: string[]) => (list.length ? g(fc.constantFrom, ...list) : "");
  switch (kind) {
    case 0:
      return any(pools.ids);
    case 1:
      return any(pools.cursors);
    case 2:
      return any(pools.slugs);
    case 3:
      return mutate(g, any([...pools.ids, ...pools.cursors, ...pools.slugs]));
    case 4:
      return b64(`a1:${g(fc.constantFrom, ...NUMBERS, "-62135596800000", "1", "")}:${g(fc.constantFrom, ...NUMBERS, "0", "1")}`);
    case 5:
      return b64(`${g(fc.constantFrom, "Article", "Tag", "Image", "Source", "Node", "article", "")}:${g(fc.constantFrom, ...NUMBERS, "0", "1", "-1")}`);
    case 6:
      return b64(`t1:${g(fc.string, { maxLength: 12 })}`);
    case 7:
      return g(fc.constantFrom, "", " ", "\"", "*", "-", "OR", "\"unclosed", "a OR", "-only", "x*y*", "NEAR(", "'; DROP TABLE articles; --", "%", "_", "\\", "\u0000", "😀", "Großstädte");
    case 8:
      return g(fc.constantFrom, "2024-06-18T00:00:00Z", "2024-13-45T99:99:99Z", "0000-01-01T00:00:00Z", "+275760-09-13T00:00:00.000Z", "2024-06-18", "yesterday", "1718668800");
    default:
      return g(fc.string, { unit: "binary", maxLength: 40 });
  }
}

/** A small change to a string: a character flipped, cut, doubled or padded. */
export function mutate(g: Gen, text: string): string {
  const at = g(fc.nat, { max: Math.max(0, text.length) });
  switch (g(fc.integer, { min: 0, max: 4 })) {
    case 0:
      return text.slice(0, at);
    case 1:
      return text.slice(0, at) + g(fc.string, { unit: "binary-ascii", minLength: 1, maxLength: 3 }) + text.slice(at);
    case 2:
      return text.slice(0, at) + text.slice(at + 1);
    case 3:
      return text + text;
    default:
      return text.slice(0, at) + "=" + text.slice(at);
  }
}

/** A JSON value for a variable of `type`: usually fitting, sometimes not at all. */
function jsonValue(g: Gen, type: GraphQLInputType, pools: Pools, depth: number): unknown {
  if (g(fc.integer, { min: 0, max: 15 }) === 0) return g(fc.jsonValue, { maxDepth: 2 });
  if (!isNonNullType(type) && g(fc.integer, { min: 0, max: 9 }) === 0) return null;
  const inner = getNullableType(type) as GraphQLInputType;
  if (isListType(inner)) {
    const length = g(fc.integer, { min: 0, max: 3 });
    return Array.from({ length }, () => jsonValue(g, inner.ofType, pools, depth + 1));
  }
  if (isInputObjectType(inner)) {
    const fields = Object.values(inner.getFields()).filter((field) => depth < 2 || isLeafType(getNamedType(field.type)));
    const value: Record<string, unknown> = {};
    for (const field of fields) {
      if (isNonNullType(field.type) || g(fc.integer, { min: 0, max: 3 }) === 0) value[field.name] = jsonValue(g, field.type, pools, depth + 1);
    }
    return value;
  }
  if (isEnumType(inner)) {
    const values = inner.getValues().map((v) => v.name);
    return g(fc.integer, { min: 0, max: 5 }) === 0 ? trickyString(g, pools) : g(fc.constantFrom, ...values);
  }
  if (isScalarType(inner)) {
    switch (inner.name) {
      case "Int":
        return g(() => INT_VALUES);
      case "Float":
        return g(fc.double);
      case "Boolean":
        return g(fc.boolean);
      default:
        return trickyString(g, pools);
    }
  }
  return null;
}

/** The GraphQL literal of a JSON value for `type` (enum values bare, objects as input objects). */
function literal(value: unknown, type: GraphQLInputType): string {
  const inner = getNullableType(type) as GraphQLInputType;
  if (value === null || value === undefined) return "null";
  if (Array.isArray(value)) return `[${value.map((item) => literal(item, isListType(inner) ? inner.ofType : inner)).join(", ")}]`;
  if (typeof value === "object") {
    const fields = isInputObjectType(inner) ? inner.getFields() : {};
    const entries = Object.entries(value as Record<string, unknown>).filter(([name]) => /^[_A-Za-z][_0-9A-Za-z]*$/.test(name));
    return `{ ${entries.map(([name, item]) => `${name}: ${literal(item, fields[name]?.type ?? inner)}`).join(", ")} }`;
  }
  if (typeof value === "string" && isEnumType(inner) && /^[_A-Za-z][_0-9A-Za-z]*$/.test(value)) return value;
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "0";
  return JSON.stringify(value);
}

/** An operation over the schema's Query type: random fields, arguments inline or as variables. */
export function randomOperation(g: Gen, schema: GraphQLSchema, pools: Pools): FuzzRequest {
  const variables: Record<string, unknown> = {};
  const definitions: string[] = [];
  const argument = (arg: GraphQLArgument): string | null => {
    if (!isNonNullType(arg.type) && g(fc.integer, { min: 0, max: 2 }) > 0) return null;
    const value = jsonValue(g, arg.type, pools, 0);
    if (g(fc.integer, { min: 0, max: 3 }) === 0) {
      const name = `v${definitions.length}`;
      definitions.push(`$${name}: ${String(arg.type)}`);
      variables[name] = value;
      return `${arg.name}: $${name}`;
    }
    return `${arg.name}: ${literal(value, arg.type)}`;
  };
  const selection = (type: GraphQLNamedType, depth: number): string => {
    if (isUnionType(type) || (isInterfaceType(type) && g(fc.boolean))) {
      const possible = schema.getPossibleTypes(type);
      const chosen = possible[g(fc.nat, { max: possible.length - 1 })];
      return `__typename ... on ${chosen.name} { ${selection(chosen, depth)} }`;
    }
    if (!isObjectType(type) && !isInterfaceType(type)) return "";
    const fields = Object.values(type.getFields());
    const count = g(fc.integer, { min: 1, max: Math.min(4, fields.length) });
    const parts: string[] = [];
    const picked = new Set<string>();
    for (let i = 0; i < count; i++) {
      const field = fields[g(fc.nat, { max: fields.length - 1 })];
      const named = getNamedType(field.type);
      const args = field.args.map(argument).filter((text): text is string => text !== null);
      // The same field twice needs an alias, or the two would have to agree on arguments.
      const alias = picked.has(field.name) ? `f${i}: ` : "";
      picked.add(field.name);
      const head = `${alias}${field.name}${args.length ? `(${args.join(", ")})` : ""}`;
      if (isLeafType(named)) parts.push(head);
      else if (depth < 4) parts.push(`${head} { ${selection(named, depth + 1)} }`);
      else parts.push("__typename");
    }
    return parts.join(" ");
  };
  const body = selection(schema.getQueryType()!, 0);
  const head = definitions.length ? `query Fuzz(${definitions.join(", ")})` : "query Fuzz";
  return { query: `${head} { ${body} }`, variables: definitions.length ? variables : undefined };
}

/** A valid query with a few tokens dropped, repeated, swapped or replaced by punctuation. */
export function mutatedQuery(g: Gen, seed: string): string {
  const tokens = seed.match(/"(?:[^"\\]|\\.)*"|[_A-Za-z][_0-9A-Za-z]*|-?\d+|\.\.\.|[^\s]/g) ?? [];
  const edits = g(fc.integer, { min: 1, max: 4 });
  for (let i = 0; i < edits && tokens.length > 0; i++) {
    const at = g(fc.nat, { max: tokens.length - 1 });
    switch (g(fc.integer, { min: 0, max: 4 })) {
      case 0:
        tokens.splice(at, 1);
        break;
      case 1:
        tokens.splice(at, 0, tokens[at]);
        break;
      case 2:
        tokens.splice(at, 1, g(fc.constantFrom, "{", "}", "(", ")", ":", "$", "@", "...", "!", "[", "]", "=", "#", "\"", "0", "-1", "null", "on", "fragment"));
        break;
      case 3:
        [tokens[at], tokens[tokens.length - 1 - at]] = [tokens[tokens.length - 1 - at], tokens[at]];
        break;
      default:
        tokens.splice(at, 1, String(g(fc.constantFrom, ...INTS)));
    }
  }
  return tokens.join(" ");
}
