import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import {
  getNamedType,
  isObjectType,
  isInterfaceType,
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from "graphql";
import { NO_CACHE } from "../graphql/cache-hints";


/**
 * Cache-Control for GraphQL answers, decided from the operation before it runs: a query
 * answer may be kept `maxAge` seconds by any cache (`max-age=N, public`), unless the query
 * selects a field marked NO_CACHE (values that change without any article changing, such as
 * a source's fetch health) or the answer has errors; mutations and failed requests get
 * `no-store`. The decision is made once per operation text, not per field resolved, so it
 * costs nothing while a query runs.
 */
export function cachePolicyPlugin<TContext extends BaseContext>(maxAge: number): ApolloServerPlugin<TContext> {
  const decided = new WeakMap<DocumentNode, Map<string, boolean>>();
  const cacheable = (schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean => {
    let byOperation = decided.get(document);
    if (!byOperation) decided.set(document, (byOperation = new Map()));
    const name = operation.name?.value ?? "";
    let answer = byOperation.get(name);
    if (answer === undefined) {
      answer = operation.operation === "query" && !selectsUncacheable(schema, document, operation);
      byOperation.set(name, answer);
    }
    return answer;
  };
  return {
    async requestDidStart() {
      let policy = false;
      return {
        async didResolveOperation({ schema, document, operation }) {
          policy = operation ? cacheable(schema, document, operation) : false;
        },
        async willSendResponse({ response }) {
          const ok = policy && response.body.kind === "single" && !response.body.singleResult.errors;
          response.http.headers.set("cache-control", ok ? `max-age=${maxAge}, public` : "no-store");
        },
      };
    },
  };
}

/** True when the operation selects, anywhere, a field marked NO_CACHE. */
function selectsUncacheable(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): boolean {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = schema.getRootType(operation.operation);
  const seen = new Set<string>();
  const walk = (type: GraphQLCompositeType | null | undefined, selections: SelectionSetNode): boolean => {
    for (const selection of selections.selections) {
      if (selection.kind === Kind.FIELD) {
        const field = type && (isObjectType(type) || isInterfaceType(type)) ? type.getFields()[selection.name.value] : undefined;
        if (field?.extensions?.noCache === NO_CACHE.noCache) return true;
        // A field of an abstract or unknown type: look into it with the types its fragments name.
        if (selection.selectionSet && walk(field ? (getNamedType(field.type) as GraphQLCompositeType) : null, selection.selectionSet)) return true;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const narrowed = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) as GraphQLCompositeType | undefined) : type;
        if (walk(narrowed, selection.selectionSet)) return true;
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        seen.add(fragment.name.value);
        if (walk(schema.getType(fragment.typeCondition.name.value) as GraphQLCompositeType | undefined, fragment.selectionSet)) return true;
      }
    }
    return false;
  };
  return walk(root ?? null, operation.selectionSet);
}
