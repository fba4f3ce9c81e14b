import { GraphQLError } from "graphql";

/** An error the client caused by a bad argument; the message says what to change. */
export function badUserInput(message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...extensions } });
}
