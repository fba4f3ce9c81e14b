import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from "graphql";
import { fragmentMemo } from "./fragment-memo";
import { limitError } from "./limit-error";

/** Introspection subtrees: their shape is fixed by the spec (the standard query nests `ofType` deeply) and they never reach the database. */
const INTROSPECTION_ROOTS = new Set(["__schema", "__type"]);

/**
 * Refuses an operation whose fields nest deeper than `max` (`{ a { b } }` has depth 2).
 * Fragment spreads and inline fragments add no level themselves but their fields do, so
 * moving a selection into a fragment never hides its depth.
 */
export function depthLimitRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const depthOfFragment = fragmentMemo(context, (fragment) => depthOf(fragment.selectionSet), 0);
    const depthOf = (selectionSet: SelectionSetNode): number => {
      let deepest = 0;
      for (const selection of selectionSet.selections) {
        let depth = 0;
        if (selection.kind === Kind.FIELD) {
          if (INTROSPECTION_ROOTS.has(selection.name.value)) continue;
          depth = 1 + (selection.selectionSet ? depthOf(selection.selectionSet) : 0);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          depth = depthOf(selection.selectionSet);
        } else {
          depth = depthOfFragment(selection.name.value);
        }
        deepest = Math.max(deepest, depth);
      }
      return deepest;
    };
    return {
      OperationDefinition(operation) {
        const depth = depthOf(operation.selectionSet);
        if (depth > max) {
          context.reportError(limitError(`Query depth ${depth} exceeds the maximum of ${max}; nest fewer fields.`, operation));
        }
      },
    };
  };
}
