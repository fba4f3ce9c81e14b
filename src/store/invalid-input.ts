/** One thing wrong with one field of an input, e.g. `{ field: "relatedIds.1", message: "no article has this id" }`. */
export interface FieldProblem {
  field: string;
  message: string;
}

/**
 * Input that cannot be written as given (an id that does not exist, a slug or URL already
 * taken). Thrown inside a write's transaction, so nothing is written; the API reports every
 * problem at once as BAD_USER_INPUT.
 */
export class InvalidInputError extends Error {
  override name = "InvalidInputError";
  constructor(readonly problems: FieldProblem[]) {
    super(problems.map((p) => `${p.field}: ${p.message}`).join("; "));
  }
}

/** Throws an InvalidInputError when any problem was found. */
export function rejectProblems(problems: FieldProblem[]): void {
  if (problems.length) throw new InvalidInputError(problems);
}
