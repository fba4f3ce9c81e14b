import {
  BREAK,
  getNamedType,
  isAbstractType,
  isInputObjectType,
  isInputType,
  isInterfaceType,
  isObjectType,
  isScalarType,
  isSpecifiedScalarType,
  Kind,
  TypeInfo,
  typeFromAST,
  valueFromAST,
  visit,
  visitWithTypeInfo,
  type ASTNode,
  type DocumentNode,
  type GraphQLInputObjectType,
  type GraphQLSchema,
  type ValueNode,
} from "graphql";

/** Whether graphql-jit may run a document, and what its answer then depends on. */
export type JitVerdict =
  | {
      compile: true;
      /**
       * Variables the document uses inside list or object literals. graphql-jit puts null
       * there when one is not given, where graphql-js leaves the field out (or fails), so a
       * request that does not give them all a value is run by graphql-js.
       */
      nestedVariables: readonly string[];
    }
  | { compile: false; reason: string };

/**
 * Decides which query documents graphql-jit runs exactly as graphql-js does. Each rule is a
 * place where graphql-jit 0.8 behaves differently, so such documents stay with graphql-js:
 *
 * - `__schema` and `__type` (introspection): rare, and graphql-js's own ground.
 * - a field of an interface or union type: type-graphql's resolveType is async, and
 *   graphql-jit only takes a type name returned synchronously.
 * - any directive (`@skip`, `@include`): graphql-jit decides the fields of a selection when
 *   it compiles, so fields a directive leaves out can change the order of the others, and a
 *   fragment spread under `@include(if: false)` can remove the same fragment elsewhere.
 * - a field answered under the key `__proto__`: an object literal's prototype in graphql-jit's
 *   generated code.
 * - a variable of a recursive input type (`ArticleFilter` has `and`, `or`, `not`): graphql-jit
 *   generates the coercion code for the type's whole depth and never stops.
 * - a default value that JSON would change (a Date, say): graphql-jit writes variable and
 *   input field defaults into its code with JSON.stringify; literals and argument defaults it
 *   writes with Dates kept, but no other objects.
 */
export class JitEligibility {
  private readonly unsafeInputs: ReadonlySet<string>;
  private readonly unsafeFields: ReadonlySet<string>;

  constructor(private readonly schema: GraphQLSchema) {
    this.unsafeInputs = inputTypesJitMishandles(schema);
    this.unsafeFields = fieldsWithUnsafeArgumentDefaults(schema);
  }

  check(document: DocumentNode): JitVerdict {
    const typeInfo = new TypeInfo(this.schema);
    const nestedVariables = new Set<string>();
    let reason: string | null = null;
    const refuse = (why: string) => {
      reason = why;
      return BREAK;
    };
    const checkLiteral = (node: ValueNode) => {
      const type = typeInfo.getInputType();
      const named = type ? getNamedType(type) : undefined;
      if (!isScalarType(named) || isSpecifiedScalarType(named)) return undefined;
      const value: unknown = valueFromAST(node, named);
      return survivesEmbedding(value, true) ? undefined : refuse(`a ${named.name} literal that is not plain data`);
    };
    visit(
      document,
      visitWithTypeInfo(typeInfo, {
        Directive: (node) => refuse(`the directive @${node.name.value}`),
        Field: (node) => {
          const name = node.name.value;
          if (name === "__schema" || name === "__type") return refuse("introspection");
          if ((node.alias ?? node.name).value === "__proto__") return refuse("the response key __proto__");
          const parent = typeInfo.getParentType();
          if (parent && this.unsafeFields.has(`${parent.name}.${name}`)) return refuse(`an argument default of ${parent.name}.${name}`);
          const type = typeInfo.getType();
          if (type && isAbstractType(getNamedType(type))) return refuse(`${parent?.name}.${name} has an abstract type`);
          return undefined;
        },
        Argument: (node) => {
          if (node.value.kind !== Kind.VARIABLE) for (const name of variablesIn(node.value)) nestedVariables.add(name);
        },
        VariableDefinition: (node) => {
          const type = typeFromAST(this.schema, node.type);
          if (!type || !isInputType(type)) return refuse("a variable of an unknown type");
          const named = getNamedType(type);
          if (isInputObjectType(named) && this.unsafeInputs.has(named.name)) return refuse(`a variable of the input type ${named.name}`);
          if (node.defaultValue && !survivesEmbedding(valueFromAST(node.defaultValue, type), false)) {
            return refuse(`the default of $${node.variable.name.value}`);
          }
          return undefined;
        },
        StringValue: checkLiteral,
        IntValue: checkLiteral,
        FloatValue: checkLiteral,
        BooleanValue: checkLiteral,
        EnumValue: checkLiteral,
      }),
    );
    return reason === null ? { compile: true, nestedVariables: [...nestedVariables] } : { compile: false, reason };
  }
}

/** The names of the variables anywhere inside a literal. */
function variablesIn(value: ASTNode): string[] {
  const names: string[] = [];
  visit(value, { Variable: (node) => void names.push(node.name.value) });
  return names;
}

/**
 * Input object types whose variables graphql-jit would coerce differently or not at all:
 * those on or leading to a cycle of input types, and those with a field default (or leading
 * to one) that JSON would change.
 */
function inputTypesJitMishandles(schema: GraphQLSchema): Set<string> {
  const unsafe = new Set<string>();
  const safe = new Set<string>();
  const onPath = new Set<string>();
  const isUnsafe = (type: GraphQLInputObjectType): boolean => {
    if (unsafe.has(type.name) || onPath.has(type.name)) return true;
    if (safe.has(type.name)) return false;
    onPath.add(type.name);
    let found = false;
    for (const field of Object.values(type.getFields())) {
      if (field.defaultValue !== undefined && !survivesEmbedding(field.defaultValue, false)) found = true;
      const named = getNamedType(field.type);
      if (isInputObjectType(named) && isUnsafe(named)) found = true;
    }
    onPath.delete(type.name);
    (found ? unsafe : safe).add(type.name);
    return found;
  };
  for (const type of Object.values(schema.getTypeMap())) if (isInputObjectType(type)) isUnsafe(type);
  return unsafe;
}

/** `Type.field` of every field with an argument default graphql-jit cannot write into its code. */
function fieldsWithUnsafeArgumentDefaults(schema: GraphQLSchema): Set<string> {
  const unsafe = new Set<string>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    for (const field of Object.values(type.getFields())) {
      if (field.args.some((arg) => arg.defaultValue !== undefined && !survivesEmbedding(arg.defaultValue, true))) unsafe.add(`${type.name}.${field.name}`);
    }
  }
  return unsafe;
}

/**
 * Whether a value comes out of graphql-jit's generated code as it went in: JSON data (finite
 * numbers, plain objects and arrays), and with `dates` also Dates.
 */
function survivesEmbedding(value: unknown, dates: boolean): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (dates && value instanceof Date) return true;
  if (Array.isArray(value)) return value.every((item) => survivesEmbedding(item, dates));
  if (typeof value !== "object") return false;
  const prototype: unknown = Object.getPrototypeOf(value);
  return (prototype === Object.prototype || prototype === null) && Object.values(value).every((item) => survivesEmbedding(item, dates));
}
