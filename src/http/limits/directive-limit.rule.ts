import { Kind, type DirectiveNode, type SelectionSetNode, type ValidationContext, type ValidationRule } from "graphql";
import { fragmentMemo } from "./fragment-memo";
import { limitError } from "./limit-error";

const countOf = (directives: readonly DirectiveNode[] | undefined) => directives?.length ?? 0;

/**
 * Refuses an operation with more than `max` directives, wherever they stand: on the
 * operation, its variables, fields, inline fragments, spreads and the fragments spread
 * (counted once per spread).
 */
export function directiveLimitRule(max: number): ValidationRule {
  return (context: ValidationContext) => {
    const directivesInFragment = fragmentMemo(
      context,
      (fragment) => countOf(fragment.directives) + directivesIn(fragment.selectionSet),
      0,
    );
    const directivesIn = (selectionSet: SelectionSetNode): number => {
      let count = 0;
      for (const selection of selectionSet.selections) {
        count += countOf(selection.directives);
        if (selection.kind === Kind.FRAGMENT_SPREAD) count += directivesInFragment(selection.name.value);
        else if (selection.selectionSet) count += directivesIn(selection.selectionSet);
      }
      return count;
    };
    return {
      OperationDefinition(operation) {
        let count = countOf(operation.directives) + directivesIn(operation.selectionSet);
        for (const variable of operation.variableDefinitions ?? []) count += countOf(variable.directives);
        if (count > max) {
          context.reportError(limitError(`Directive count ${count} exceeds the maximum of ${max}; use fewer directives.`, operation));
        }
      },
    };
  };
}
