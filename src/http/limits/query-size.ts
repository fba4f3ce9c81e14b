import type { LimitsConfig } from "../../config";
import { countTokens } from "./token-limit";

/**
 * Says why `query` is too big to parse — longer than `queryLength` characters, or more
 * than `tokens` lexical tokens — or returns null when it is within both limits (or is not
 * a string, which Apollo refuses itself). Length is checked first, so the token count
 * never looks at more text than the length limit allows.
 */
export function querySizeProblem(query: unknown, limits: Pick<LimitsConfig, "queryLength" | "tokens">): string | null {
  if (typeof query !== "string") return null;
  if (query.length > limits.queryLength) {
    return `Query length ${query.length} exceeds the maximum of ${limits.queryLength} characters; send a shorter query.`;
  }
  if (countTokens(query, limits.tokens) > limits.tokens) {
    return `Query has more than ${limits.tokens} tokens, the maximum; send a shorter query.`;
  }
  return null;
}
