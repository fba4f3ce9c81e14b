import { Kind, type SelectionSetNode, type ValidationContext, type ValidationRule } from "graphql";
import { fragmentMemo } from "./fragment-memo";
import { limitError } from "./limit-error";

/**
 * Refuses an operation with more than `max` aliases. Aliases are the cheap way to ask for
 * the same expensive field many times, so a fragment's aliases count once per spread.
 */
export function aliasLimitRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const aliasesInFragment = fragmentMemo(context, (fragment) => aliasesIn(fragment.selectionSet), 0);
    const aliasesIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        if (selection.kind === Kind.FIELD) {
          if (selection.alias) count++;
          if (selection.selectionSet) count += aliasesIn(selection.selectionSet);
        } else if (selection.kind === Kind.INLINE_FRAGMENT) {
          count += aliasesIn(selection.selectionSet);
        } else {
          count += aliasesInFragment(selection.name.value);
        }
      }
      return count;
    };
    return {
      OperationDefinition(operation) {
        const count = aliasesIn(operation.selectionSet);
        if (count > max) {
          context.reportError(limitError(`Alias count ${count} exceeds the maximum of ${max}; use fewer aliases or split the query.`, operation));
        }
      },
    };
  };
}
