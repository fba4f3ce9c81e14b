import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isLeafType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  type FieldNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLNamedType,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationContext,
  type ValidationRule,
} from "graphql";
import { fragmentMemo } from "./fragment-memo";
import { limitError } from "./limit-error";

/** How list sizes are estimated when the query does not say. */
export interface CostWeights {
  /** A connection (a field with `first`/`last`) given neither and with no default of its own. */
  defaultPageSize: number;
  /** A page size passed in a variable: the largest a client may ask for, since variables are not known yet. */
  maxPageSize: number;
  /** A list without a page-size argument outside a connection (tags, images, links, sources). */
  unsizedList: number;
}

export const DEFAULT_COST_WEIGHTS: CostWeights = { defaultPageSize: 20, maxPageSize: 100, unsizedList: 10 };

const PAGE_SIZE_ARGUMENTS = ["first", "last"];

/**
 * Refuses an operation whose estimated cost exceeds `max`. Every field returning an object
 * costs 1 plus the cost of its selection times its size: a field with `first`/`last`
 * counts the number asked for (else its declared default, e.g. `related` 5, else 20 for a
 * connection; a variable counts as the largest page allowed); a list inside a connection
 * (`nodes`, `edges`) is already counted by its connection; any other list counts
 * `unsizedList`. Scalars and introspection are free. Fragments cost what their fields
 * cost, once per spread. `onCost`, when given, hears the cost of every operation (the
 * rate limiter charges it).
 */
export function costLimitRule(
  max: number,
  weights: CostWeights = DEFAULT_COST_WEIGHTS,
  onCost?: (cost: number, operation: OperationDefinitionNode) => void,
): ValidationRule {
  return (context: ValidationContext) => {
    const schema = context.getSchema();
    const costOfFragment = fragmentMemo(context, (fragment) => costOf(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value)), 0);
    const costOf = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null | undefined): number => {
      if (!parent || !isCompositeType(parent)) return 0;
      let total = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          total += fieldCost(selection, parent);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          const type = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : parent;
          total += costOf(selection.selectionSet, type);
        } else {
          total += costOfFragment(selection.name.value);
        }
      }
      return Math.min(total, Number.MAX_SAFE_INTEGER);
    };
    const fieldCost = (node: FieldNode, parent: GraphQLCompositeType): number => {
      if (node.name.value.startsWith("__") || !(isObjectType(parent) || isInterfaceType(parent))) return 0;
      const field = parent.getFields()[node.name.value];
      if (!field || isLeafType(getNamedType(field.type)) || !node.selectionSet) return 0;
      return 1 + sizeOf(field, node, parent, weights) * costOf(node.selectionSet, getNamedType(field.type));
    };
    return {
      OperationDefinition(operation) {
        const root = schema.getRootType(operation.operation);
        const cost = costOf(operation.selectionSet, root);
        onCost?.(cost, operation);
        if (cost > max) {
          context.reportError(
            limitError(`Query cost ${cost} exceeds the maximum of ${max}; ask for smaller pages (first/last) or nest fewer lists.`, operation),
          );
        }
      },
    };
  };
}

/** How many items a field is expected to return. */
function sizeOf(field: GraphQLField<unknown, unknown>, node: FieldNode, parent: GraphQLCompositeType, weights: CostWeights): number {
  const sizeArguments = field.args.filter((arg) => PAGE_SIZE_ARGUMENTS.includes(arg.name));
  if (sizeArguments.length > 0) {
    const asked: number[] = [];
    for (const argument of node.arguments ?? []) {
      if (!PAGE_SIZE_ARGUMENTS.includes(argument.name.value)) continue;
      if (argument.value.kind === Kind.INT) asked.push(Math.max(0, Number(argument.value.value)));
      else if (argument.value.kind === Kind.VARIABLE) asked.push(weights.maxPageSize);
    }
    if (asked.length > 0) return Math.max(...asked);
    const declared = sizeArguments.map((arg) => arg.defaultValue).filter((value): value is number => typeof value === "number");
    return declared.length > 0 ? Math.max(...declared) : weights.defaultPageSize;
  }
  if (!isListType(getNullableType(field.type))) return 1;
  return parent.name.endsWith("Connection") ? 1 : weights.unsizedList;
}
