import { loadSeeds } from "../../seeds";
import { openDatabase } from "../db";
import type { Command } from "./command";

export const seedCommand: Command = {
  name: "seed",
  usage: ["seed                 load the seed data (idempotent: unchanged articles are left as they are)"],
  async run({ config, out, err }) {
    const db = await openDatabase(config.database);
    try {
      err("loading seed data …");
      const result = await loadSeeds(db);
      out(`seed: ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
