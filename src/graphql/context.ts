import type { Logger } from "pino";
import type { DataSource } from "typeorm";
import { lazyCaller, type CallerResult } from "../auth/caller";
import { createLoaders, type Loaders } from "./loaders";

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
}

/** The one place a request's context, and so its loaders, is made. */
export function createContext(db: DataSource, options: ContextOptions = {}): Context {
  return {
    db,
    loaders: createLoaders(db),
    caller: lazyCaller(db, options.authorization),
    fetchAllowHosts: options.fetchAllowHosts ?? [],
    log: options.log,
  };
}
