import type { FragmentDefinitionNode, ValidationContext } from "graphql";

/**
 * Computes a value per fragment once and reuses it wherever the fragment is spread, so a
 * rule can count a fragment every time it is used without walking it again. A spread that
 * refers back to a fragment still being computed (a cycle, which graphql's own
 * NoFragmentCyclesRule reports) and a spread of an unknown fragment both count as `none`.
 */
export function fragmentMemo<T>(
  context: ValidationContext,
  compute: (fragment: FragmentDefinitionNode) => T,
  none: T,
): (name: string) => T {
  const done = new Map<string, T>();
  const inProgress = new Set<string>();
  return (name) => {
    const known = done.get(name);
    if (known !== undefined) return known;
    const fragment = context.getFragment(name);
    if (!fragment || inProgress.has(name)) return none;
    inProgress.add(name);
    const value = compute(fragment);
    inProgress.delete(name);
    done.set(name, value);
    return value;
  };
}
