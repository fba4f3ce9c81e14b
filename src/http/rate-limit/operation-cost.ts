import { validate, type DocumentNode, type GraphQLSchema, type OperationDefinitionNode } from "graphql";
import { costLimitRule } from "../limits";

/** Costs of a document's operations; Apollo hands back the same document object for the same query text. */
const costsOfDocument = new WeakMap<DocumentNode, Map<OperationDefinitionNode, number>>();

/**
 * The cost of `operation` as the cost limit rule estimates it (the same rule, so a
 * request is charged what the limit measures), computed once per parsed document.
 */
export function operationCost(schema: GraphQLSchema, document: DocumentNode, operation: OperationDefinitionNode): number {
  let costs = costsOfDocument.get(document);
  if (!costs) {
    const found = new Map<OperationDefinitionNode, number>();
    validate(schema, document, [costLimitRule(Number.MAX_SAFE_INTEGER, undefined, (cost, node) => found.set(node, cost))]);
    costsOfDocument.set(document, found);
    costs = found;
  }
  return costs.get(operation) ?? 1;
}
