import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { lazyCaller, type CallerResult } from "../auth/caller";
import { createLoaders, type Loaders } from "./loaders";
import type { ReadGeneration } from "./execution/read-cache";

/** What a request brings besides the database. */
export interface ContextOptions {
  /** The request's Authorization header, if any. */
  authorization?: string;
  /** Hosts the feed fetcher may reach although private (FETCH_ALLOW_HOSTS), for refreshSource. */
  fetchAllowHosts?: readonly string[];
  /** Where mutations log what they did (e.g. editorial changes a fetch overwrote). */
  log?: Logger;
}

/** What every resolver of one request shares. */
export interface Context {
  db: DataSource;
  loaders: Loaders;
  /** The caller, looked up from the Authorization header once, on the first write that asks. */
  caller: () => Promise<CallerResult>;
  fetchAllowHosts: readonly string[];
  log?: Logger;
  /**
   * The read-cache generation this request reads through; set once its operation is known
   * to be a query (see readCachePlugin), null before and for everything else. A box, because
   * Apollo hands each operation a shallow copy of the context.
   */
  reads: { generation: ReadGeneration | null };
}

/** The one place a request's context, and so its loaders, is made. */
export function createContext(db: DataSource, options: ContextOptions = {}): Context {
  const reads: Context["reads"] = { generation: null };
  return {
    db,
    loaders: createLoaders(db, () => reads.generation),
    caller: lazyCaller(db, options.authorization),
    fetchAllowHosts: options.fetchAllowHosts ?? [],
    log: options.log,
    reads,
  };
}
