import { GraphQLError } from "graphql";

/** No usable key on a write: HTTP 401. The message says how to authenticate. */
export function unauthenticated(reason: string): GraphQLError {
  return new GraphQLError(`Authentication required: ${reason}. Send \`Authorization: Bearer <api key>\`; keys come from \`newsgate keys create\`.`, {
    extensions: { code: "UNAUTHENTICATED", http: { status: 401 } },
  });
}

/** A valid key without the role the operation needs: HTTP 403. */
export function forbidden(role: string, needed: readonly string[]): GraphQLError {
  return new GraphQLError(`Forbidden: this needs an ${needed.join(" or ")} key; yours is an ${role} key.`, {
    extensions: { code: "FORBIDDEN", http: { status: 403 } },
  });
}
