import { unwrapResolverError } from "@apollo/server/errors";
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";

/** Codes of errors a client causes; their messages are meant for the client. */
const CLIENT_CODES = new Set([
  "BAD_USER_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "RATE_LIMITED",
  "GRAPHQL_VALIDATION_FAILED", "GRAPHQL_PARSE_FAILED", "BAD_REQUEST", "PERSISTED_QUERY_NOT_FOUND",
  "PERSISTED_QUERY_NOT_SUPPORTED", "OPERATION_RESOLUTION_FAILURE",
]);

/** graphql's hints at names in the schema, e.g. ` Did you mean "title"?`. */
const SUGGESTION = / ?Did you mean .+\?$/;

/**
 * Errors a client caused pass through; anything else is a bug: it is logged with its stack
 * and the client gets "Internal server error", never a stack trace or SQL. With
 * `hideSuggestions` (production) client errors lose graphql's "Did you mean …?" hints,
 * which would otherwise reveal field, argument and enum names to a client without
 * introspection.
 */
export function createErrorFormatter(log: Logger, exposeStack: boolean, hideSuggestions = false) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = formatted.extensions?.code;
    if (typeof code === "string" && CLIENT_CODES.has(code)) {
      const message = ownWords(hideSuggestions ? formatted.message.replace(SUGGESTION, "") : formatted.message);
      if (exposeStack) return Object.assign({}, formatted, { message });
      const { stacktrace: _dropped, ...extensions } = formatted.extensions ?? {};
      return Object.assign({}, formatted, { message, extensions });
    }
    const original = unwrapResolverError(error);
    log.error({ err: original, path: formatted.path }, "internal error while resolving");
    const stack = exposeStack && original instanceof Error ? { stacktrace: original.stack?.split("\n") } : {};
    return {
      message: "Internal server error",
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: "INTERNAL_SERVER_ERROR", ...stack },
    };
  };
}


/** Apollo's advice names its own option; Newsgate users set an environment variable. */
function ownWords(message: string): string {
  return message.startsWith("GraphQL introspection is not allowed")
    ? "GraphQL introspection is not allowed on this server; its operator can set INTROSPECTION=true (or PLAYGROUND=true) to allow it."
    : message;
}
