import { GraphQLError, type ASTNode } from "graphql";

/**
 * The error a limit rule reports for an operation, located at the operation. Apollo
 * answers validation errors with HTTP 400 and GRAPHQL_VALIDATION_FAILED; the code is set
 * here too so the rules give the same error when run by graphql's `validate` directly.
 */
export function limitError(message: string, node: ASTNode): GraphQLError {
  return new GraphQLError(message, { nodes: [node], extensions: { code: "GRAPHQL_VALIDATION_FAILED" } });
}
