import { openDatabase } from "../db";
import { generateArticles } from "../generate/generate-articles";
import type { Command } from "./command";
import { progressBar } from "./progress";

export const generateCommand: Command = {
  name: "generate",
  usage: ["generate --articles N [--seed S]   fill the database with N realistic generated articles"],
  async run({ args, config, out, err }) {
    const option = (name: string) => {
      const i = args.indexOf(`--${name}`);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const count = Number(option("articles"));
    const seed = Number(option("seed") ?? 1);
    if (!Number.isInteger(count) || count < 1 || count > 10_000_000) {
      err("generate: give how many articles with --articles N (1 to 10,000,000), e.g. generate --articles 100000");
      return 2;
    }
    if (!Number.isInteger(seed)) {
      err("generate: --seed takes a whole number");
      return 2;
    }
    const db = await openDatabase(config.database);
    try {
      const progress = progressBar(count, "articles", err);
      const written = await generateArticles(db, { articles: count, seed, onProgress: progress.update });
      progress.done();
      out(`generate: ${written} articles written`);
      return 0;
    } finally {
      await db.destroy();
    }
  },
};
