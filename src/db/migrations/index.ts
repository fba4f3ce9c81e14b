/** Every migration, oldest first. */
import { CreateCoreTables1732600000000 } from "./1732600000000-create-core-tables";
import { CreateIngestTables1732700000000 } from "./1732700000000-create-ingest-tables";
import { SearchAndSync1732800000000 } from "./1732800000000-search-and-sync";

export const migrations = [CreateCoreTables1732600000000, CreateIngestTables1732700000000, SearchAndSync1732800000000];
