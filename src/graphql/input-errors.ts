import type { ValidationError } from "class-validator";
import { GraphQLError } from "graphql";
import { ArgumentValidationError, type MiddlewareFn } from "type-graphql";
import { InvalidInputError, type FieldProblem } from "../store/invalid-input";

/** BAD_USER_INPUT listing every problem of an input at once in `extensions.fields`. */
export function invalidInput(problems: FieldProblem[]): GraphQLError {
  const summary = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
  return new GraphQLError(`The input is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}): ${summary}`, {
    extensions: { code: "BAD_USER_INPUT", fields: problems },
  });
}

/** class-validator's nested errors as flat field problems, e.g. `tags.2` for the third tag. */
export function flattenValidationErrors(errors: readonly ValidationError[], parent = ""): FieldProblem[] {
  return errors.flatMap((error) => {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/**
 * Turns the two ways an input fails — class-validator's checks (ArgumentValidationError)
 * and checks against the store (InvalidInputError) — into one BAD_USER_INPUT shape.
 * Used on the mutation resolvers.
 */
export const InputErrors: MiddlewareFn = async (_action, next) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ArgumentValidationError) {
      throw invalidInput(flattenValidationErrors(error.extensions.validationErrors as ValidationError[]));
    }
    if (error instanceof InvalidInputError) throw invalidInput(error.problems);
    throw error;
  }
};
