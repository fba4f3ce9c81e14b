import type { Command } from "./command";
import { generateCommand } from "./generate.command";
import { ingestCommand } from "./ingest.command";
import { keysCommand } from "./keys.command";
import { migrateCommand } from "./migrate.command";
import { opmlCommand } from "./opml.command";
import { seedCommand } from "./seed.command";
import { sourcesCommand } from "./sources.command";

/** Every `newsgate` command; add new ones here. */
export const commands: Command[] = [seedCommand, migrateCommand, sourcesCommand, opmlCommand, ingestCommand, generateCommand, keysCommand];

export type { Command, CommandContext } from "./command";
