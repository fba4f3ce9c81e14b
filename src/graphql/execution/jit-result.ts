import { GraphQLError, type ExecutionResult } from "graphql";

/**
 * Whether graphql-js would answer with this result of graphql-jit, errors and all. It would
 * not be sure to when:
 *
 * - there is no data: graphql-jit refused the variables, in words of its own;
 * - there are several errors: which ones graphql-js reports, and in what order, follows how
 *   it schedules resolvers;
 * - an error took all the data (it reached the root through non-null fields): graphql-jit
 *   keeps the first such error it met and drops any other, graphql-js the first to arrive;
 * - graphql-jit made the error itself (a null in a non-null field, a value a scalar cannot
 *   serialize): its words differ, and it keeps no `originalError`;
 * - the error has no code: a bug or bad data, which Apollo answers as INTERNAL_SERVER_ERROR
 *   and which is logged (and, outside production, answered) with a stack that differs
 *   between the executors.
 *
 * The errors that stay are those resolvers throw for the client (BAD_USER_INPUT, FORBIDDEN…).
 */
export function standsForGraphQLJs(result: ExecutionResult): boolean {
  if (!("data" in result)) return false;
  const errors = result.errors ?? [];
  if (errors.length === 0) return true;
  if (errors.length > 1 || result.data === null) return false;
  const thrown: unknown = errors[0].originalError;
  return thrown instanceof GraphQLError && typeof thrown.extensions.code === "string";
}

/**
 * A result of graphql-jit in the shape graphql-js gives: `errors` before `data`, and every
 * error a graphql-js GraphQLError.
 */
export function asGraphQLJsResult(result: ExecutionResult): ExecutionResult {
  const { data, errors } = result;
  return errors?.length ? { errors: errors.map(asGraphQLJsError), data } : { data };
}

/**
 * A resolver's error as graphql-js reports it. graphql-jit's errors are GraphQLErrors in
 * name only (made by a constructor of its own, without `nodes`). graphql-js passes on an
 * error that already has a path untouched, and otherwise makes a new one with the field's
 * path and the message, extensions and stack of what was thrown, kept as `originalError`.
 */
export function asGraphQLJsError(error: GraphQLError): GraphQLError {
  const thrown = error.originalError;
  if (thrown instanceof GraphQLError && Array.isArray(thrown.path)) return thrown;
  const converted = new GraphQLError(error.message, { path: error.path, originalError: thrown });
  // graphql-jit has the locations of the field's nodes, not the nodes themselves.
  return error.locations?.length ? Object.assign(converted, { locations: error.locations }) : converted;
}
