/** Every migration, oldest first. */
import { CreateCoreTables1732600000000 } from "./1732600000000-create-core-tables";

export const migrations = [CreateCoreTables1732600000000];
