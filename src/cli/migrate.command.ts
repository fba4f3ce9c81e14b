import { openDatabase } from "../db";
import type { Command } from "./command";

export const migrateCommand: Command = {
  name: "migrate",
  usage: ["migrate              bring the database schema up to date"],
  async run({ config, out }) {
    const db = await openDatabase(config.database);
    try {
      out("database schema is up to date");
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
