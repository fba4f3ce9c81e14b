/** Who may write: API keys, roles and the caller of a request (type-graphql's check is src/graphql/auth-checker.ts). */
export { parseBearer } from "./bearer";
export { forbidden, unauthenticated } from "./auth-errors";
export { lazyCaller, type Caller, type CallerResult } from "./caller";
export { generateApiKey, hashApiKey, verifyApiKey } from "./key-hash";
export { parseRole, Role, roleAllows, ROLES } from "./roles";
