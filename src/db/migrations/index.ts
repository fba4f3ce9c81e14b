/** Every migration, oldest first. */
import { CreateCoreTables1732600000000 } from "./1732600000000-create-core-tables";
import { CreateIngestTables1732700000000 } from "./1732700000000-create-ingest-tables";
import { SearchAndSync1732800000000 } from "./1732800000000-search-and-sync";
import { EditorialApi1732900000000 } from "./1732900000000-editorial-api";
import { TagListOrder1733000000000 } from "./1733000000000-tag-list-order";
import { FilterCounts1733100000000 } from "./1733100000000-filter-counts";
import { FeedsAsTheyAre1733200000000 } from "./1733200000000-feeds-as-they-are";

export const migrations = [
  CreateCoreTables1732600000000,
  CreateIngestTables1732700000000,
  SearchAndSync1732800000000,
  EditorialApi1732900000000,
  TagListOrder1733000000000,
  FilterCounts1733100000000,
  FeedsAsTheyAre1733200000000,
];
