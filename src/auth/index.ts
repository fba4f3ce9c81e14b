/** Who may write: API keys, roles and the check type-graphql runs for `@Authorized`. */
export { generateApiKey, hashApiKey, parseBearer, verifyApiKey } from "./api-keys";
export { authChecker } from "./auth-checker";
export { forbidden, unauthenticated } from "./auth-errors";
export { lazyCaller, type Caller, type CallerResult } from "./caller";
export { parseRole, Role, roleAllows, ROLES } from "./roles";
