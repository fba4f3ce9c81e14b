import type { AuthChecker } from "type-graphql";
import { forbidden, unauthenticated } from "../auth/auth-errors";
import { roleAllows } from "../auth/roles";
import type { Context } from "./context";

/**
 * type-graphql's check for `@Authorized(...roles)`: a live key with one of the roles passes;
 * no key, or an unknown or revoked one, is UNAUTHENTICATED (401); a key without the role is
 * FORBIDDEN (403). It throws its own errors so that each carries its HTTP status.
 */
export const authChecker: AuthChecker<Context> = async ({ context }, roles) => {
  const result = await context.caller();
  if (!result.caller) throw unauthenticated(result.reason);
  if (!roleAllows(result.caller.role, roles)) throw forbidden(result.caller.role, roles);
  return true;
};
