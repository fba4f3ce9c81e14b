import { GraphQLObjectType, GraphQLScalarType, type GraphQLFieldResolver, type GraphQLSchema } from "graphql";
import { getMetadataStorage } from "type-graphql";

type Param = NonNullable<ReturnType<typeof getMetadataStorage>["fieldResolvers"][number]["params"]>[number];
type Method = (...params: unknown[]) => unknown;

/** The resolvers this module made. */
const directResolvers = new WeakSet<object>();

/** Whether a field's resolver calls its method directly (see callFieldResolversDirectly). */
export const calledDirectly = (resolve: unknown): boolean => typeof resolve === "function" && directResolvers.has(resolve);

/** Scalars as type-graphql declares them: an argument of one is passed on as given. */
const SCALAR_CLASSES: unknown[] = [String, Number, Boolean];

/** Whether type-graphql passes a parameter on unchanged: the whole root or context, or a scalar argument. */
function passedAsGiven(param: Param): boolean {
  switch (param.kind) {
    case "root":
    case "context":
      return param.propertyName === undefined;
    case "arg": {
      const type = param.getType();
      return (type instanceof GraphQLScalarType || SCALAR_CLASSES.includes(type)) && !param.validateFn;
    }
    default:
      return false;
  }
}

/**
 * A direct call of `method` with the parameters `params` name, for the shapes field resolvers
 * here have: (root), (root, context) and (root, context, scalar argument).
 */
function directCall(target: object, method: Method, params: Param[]): GraphQLFieldResolver<unknown, unknown> | undefined {
  const [first, second, third] = params;
  if (first?.kind !== "root") return undefined;
  if (params.length === 1) return (root) => method.call(target, root);
  if (second.kind !== "context") return undefined;
  if (params.length === 2) return (root, _args, context) => method.call(target, root, context);
  if (params.length === 3 && third.kind === "arg") {
    const name = third.name;
    return (root, args, context) => method.call(target, root, context, args[name]);
  }
  return undefined;
}

/**
 * type-graphql runs each field resolver through a wrapper that, on every call, looks up the
 * resolver class's instance, sorts and reads its parameters, converts the root, and validates
 * each argument asynchronously, so that a field with any argument answers with a promise even
 * when its value is at hand. A front page calls some 200 of them. Where the wrapper would
 * pass everything on unchanged (no middleware, no role to check, the whole root and context,
 * scalar arguments, and a root already of its class), the method is called directly; every
 * other field, and every call whose root is not yet of its class, keeps type-graphql's.
 *
 * Resolver classes here keep no state and take no constructor arguments, so one instance
 * serves, as type-graphql's own container gives one. Returns the fields called directly.
 */
export function callFieldResolversDirectly(schema: GraphQLSchema): string[] {
  const storage = getMetadataStorage();
  const direct: string[] = [];
  const instances = new Map<object, Record<string, Method>>();
  for (const resolver of storage.fieldResolvers) {
    if (resolver.kind !== "external" || !resolver.getObjectType || !resolver.params) continue;
    if ((resolver.middlewares?.length ?? 0) > 0 || resolver.roles !== undefined) continue;
    const typeName = storage.objectTypes.find((type) => type.target === resolver.getObjectType?.())?.name;
    const type = typeName ? schema.getType(typeName) : undefined;
    const field = type instanceof GraphQLObjectType ? type.getFields()[resolver.schemaName] : undefined;
    const wrapped = field?.resolve;
    if (!field || !wrapped || calledDirectly(wrapped)) continue;
    const params = [...resolver.params].sort((a, b) => a.index - b.index);
    if (!params.every(passedAsGiven)) continue;
    const rootClass = params[0]?.kind === "root" ? params[0].getType?.() : undefined;
    if (rootClass !== undefined && typeof rootClass !== "function") continue;

    let target = instances.get(resolver.target);
    if (!target) instances.set(resolver.target, (target = new (resolver.target as new () => Record<string, Method>)()));
    const call = directCall(target, target[resolver.methodName], params);
    if (!call) continue;
    const RootClass = rootClass as (abstract new () => unknown) | undefined;
    // type-graphql converts a root that is not yet of its class (a plain object): left to it.
    field.resolve = RootClass ? (root, args, context, info) => (root instanceof RootClass ? call(root, args, context, info) : wrapped(root, args, context, info)) : call;
    directResolvers.add(field.resolve);
    direct.push(`${typeName}.${resolver.schemaName}`);
  }
  return direct;
}
