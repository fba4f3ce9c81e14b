import { parseRole, ROLES } from "../auth/roles";
import { openDatabase } from "../db";
import { createApiKey, listApiKeys, revokeApiKey } from "../store";
import { parseArgs, UsageError } from "./args";
import type { Command } from "./command";

const iso = (date: Date | null) => date?.toISOString() ?? "-";

/** A key id given on the command line. */
function parseKeyId(value: string | undefined): number {
  if (!value || !/^\d+$/.test(value) || Number(value) < 1) throw new UsageError(`keys revoke <id> needs a key id (a whole number, see "keys list"), got "${value ?? ""}"`);
  return Number(value);
}

export const keysCommand: Command = {
  name: "keys",
  usage: [
    "keys create --role editor|admin [--name N]   create an API key; the key alone is the last line (shown once)",
    "keys list            list keys: id, name, role, created, last used (never the key)",
    "keys revoke <id>     revoke a key; writes with it fail from then on",
  ],
  async run({ args, config, out, err }) {
    const [action, ...rest] = args;
    try {
      if (action !== "create" && action !== "list" && action !== "revoke") throw new UsageError('use "keys create --role editor|admin", "keys list" or "keys revoke <id>"');
      const parsed = parseArgs(rest);
      const roleText = parsed.options.get("role");
      const role = typeof roleText === "string" ? parseRole(roleText) : null;
      if (action === "create" && !role) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, e.g. keys create --role editor`);
      const id = action === "revoke" ? parseKeyId(parsed.positional[0]) : 0;
      if (action !== "revoke" && parsed.positional.length) throw new UsageError(`unexpected argument "${parsed.positional[0]}"`);
      const db = await openDatabase(config.database);
      try {
        if (action === "create") {
          const name = parsed.options.get("name");
          const { key, info } = await createApiKey(db, { role: role!, name: typeof name === "string" ? name : null });
          out(`created ${info.role} key #${info.id}${info.name ? ` "${info.name}"` : ""}; it is shown only now, store it safely:`);
          out(key);
        } else if (action === "revoke") {
          if (!(await revokeApiKey(db, id))) {
            err(`there is no key #${id}: see "keys list"`);
            return 1;
          }
          out(`revoked key #${id}`);
        } else {
          out(["id", "name", "role", "created", "last used", "revoked"].join("\t"));
          for (const key of await listApiKeys(db)) {
            out([`#${key.id}`, key.name ?? "-", key.role, iso(key.createdAt), iso(key.lastUsedAt), iso(key.revokedAt)].join("\t"));
          }
        }
        return 0;
      } finally {
        await db.destroy();
      }
    } catch (error) {
      if (error instanceof UsageError) {
        err(`keys: ${error.message}`);
        return 2;
      }
      throw error;
    }
  },
};
