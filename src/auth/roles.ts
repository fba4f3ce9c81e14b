/** What a key may do: editors write articles, tags and related news; admins also sources and keys. */
export enum Role {
  EDITOR = "editor",
  ADMIN = "admin",
}

export const ROLES: readonly Role[] = [Role.EDITOR, Role.ADMIN];

/** Roles each role includes: an admin may do everything an editor may. */
const GRANTS: Record<Role, readonly Role[]> = {
  [Role.EDITOR]: [Role.EDITOR],
  [Role.ADMIN]: [Role.EDITOR, Role.ADMIN],
};

/** True when a caller with `role` may do what any of `required` allows (none required: any role). */
export function roleAllows(role: Role, required: readonly string[]): boolean {
  return required.length === 0 || required.some((r) => GRANTS[role].includes(r as Role));
}

/** The role named by text, or null. */
export function parseRole(text: string): Role | null {
  return (ROLES as readonly string[]).includes(text) ? (text as Role) : null;
}
