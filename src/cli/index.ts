import type { Command } from "./command";
import { migrateCommand } from "./migrate.command";
import { seedCommand } from "./seed.command";

/** Every `newsgate` command; add new ones here. */
export const commands: Command[] = [seedCommand, migrateCommand];

export type { Command, CommandContext } from "./command";
