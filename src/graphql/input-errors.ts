import type { ValidationError } from "class-validator";
import { GraphQLError } from "graphql";
import { ArgumentValidationError, type MiddlewareFn } from "type-graphql";
import { fromGlobalId } from "../entities/global-id";
import { InvalidInputError, type FieldProblem } from "../store/invalid-input";
import type { Context } from "./context";

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
export const InputErrors: MiddlewareFn<Context> = async ({ args, context }, next) => {
  try {
    return await next();
  } catch (error) {
    if (error instanceof ArgumentValidationError) {
      // The store's checks did not run: name the ids that do not exist in the same answer.
      const shape = flattenValidationErrors(error.extensions.validationErrors as ValidationError[]);
      const missing = await missingIds(args.input, context, new Set(shape.map((p) => p.field)));
      throw invalidInput([...shape, ...missing]);
    }
    if (error instanceof InvalidInputError) throw invalidInput(error.problems);
    throw error;
  }
};

const NOUN: Record<string, string> = { Article: "article", Tag: "tag", Source: "source" };

/** The well-formed ids of an input (at any depth) that name nothing stored. */
async function missingIds(input: unknown, { loaders }: Context, reported: Set<string>): Promise<FieldProblem[]> {
  const found: Promise<FieldProblem | null>[] = [];
  const visit = (value: unknown, field: string) => {
    if (Array.isArray(value)) value.forEach((item, index) => visit(item, field ? `${field}.${index}` : String(index)));
    else if (value && typeof value === "object") for (const [key, item] of Object.entries(value)) visit(item, field ? `${field}.${key}` : key);
    else if (typeof value === "string" && !reported.has(field) && /(^|\.)(id|ids|relatedIds|from|into)(\.\d+)?$/.test(field)) {
      const decoded = fromGlobalId(value);
      if (!decoded || !(decoded.type in NOUN)) return;
      const loader = decoded.type === "Article" ? loaders.articleById : decoded.type === "Tag" ? loaders.tagById : loaders.sourceById;
      found.push(
        (loader as { load(id: number): Promise<unknown> }).load(decoded.id).then((stored) =>
          stored ? null : { field, message: `no ${NOUN[decoded.type]} has this id; take ids from ${NOUN[decoded.type] === "article" ? "an" : "a"} ${NOUN[decoded.type]}'s id field` },
        ),
      );
    }
  };
  visit(input, "");
  return (await Promise.all(found)).filter((problem): problem is FieldProblem => problem !== null);
}
