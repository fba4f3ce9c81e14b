import { Kind, parse, valueFromASTUntyped } from "graphql";

/**
 * Turns a document of example operations (schema/examples.graphql) into GraphiQL tab
 * definitions, one per operation and in file order, so that the playground and the tests
 * share one source. A tab holds the operation's text with the comment lines right above it,
 * and a Variables pane listing every variable with its default (null where it has none), so
 * a reader sees at once what to change.
 */
export function exampleTabs(source) {
  const document = parse(source);
  let previousEnd = 0;
  return document.definitions.map((definition) => {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) {
      throw new Error("examples.graphql may hold only named operations (no fragments), one tab each");
    }
    const { start, end } = definition.loc;
    const query = leadingComment(source.slice(previousEnd, start)) + source.slice(start, end) + "\n";
    previousEnd = end;
    const variables = Object.fromEntries(
      definition.variableDefinitions.map((v) => [
        v.variable.name.value,
        v.defaultValue ? valueFromASTUntyped(v.defaultValue) : null,
      ]),
    );
    const tab = { query };
    if (Object.keys(variables).length > 0) tab.variables = JSON.stringify(variables, null, 2);
    return tab;
  });
}

/** The comment lines that end `gap` with no blank line between them and what follows. */
function leadingComment(gap) {
  const lines = gap.split("\n").slice(0, -1);
  const comment = [];
  for (let i = lines.length - 1; i >= 0 && lines[i].trimStart().startsWith("#"); i--) {
    comment.unshift(lines[i]);
  }
  return comment.length > 0 ? comment.join("\n") + "\n" : "";
}
