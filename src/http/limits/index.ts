/** Limits on what one request may ask for: validation rules and HTTP-level checks before parsing. */
import type { ValidationRule } from "graphql";
import type { LimitsConfig } from "../../config";
import { aliasLimitRule } from "./alias-limit.rule";
import { costLimitRule } from "./cost-limit.rule";
import { depthLimitRule } from "./depth-limit.rule";
import { directiveLimitRule } from "./directive-limit.rule";

export { aliasLimitRule } from "./alias-limit.rule";
export { costLimitRule, DEFAULT_COST_WEIGHTS, type CostWeights } from "./cost-limit.rule";
export { depthLimitRule } from "./depth-limit.rule";
export { directiveLimitRule } from "./directive-limit.rule";
export { querySizeProblem } from "./query-size";
export { registerRequestLimits } from "./request-limits";
export { countTokens } from "./token-limit";

/** The validation rules that enforce depth, alias, directive and cost limits, added after graphql's own rules. */
export function operationLimitRules(limits: LimitsConfig): ValidationRule[] {
  return [depthLimitRule(limits.depth), aliasLimitRule(limits.aliases), directiveLimitRule(limits.directives), costLimitRule(limits.cost)];
}
