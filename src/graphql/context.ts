import type { DataSource } from "typeorm";
import { createLoaders, type Loaders } from "./loaders";

/** What every resolver of one request shares. */
export interface Context {
  db: DataSource;
  loaders: Loaders;
}

/** The one place a request's context, and so its loaders, is made. */
export function createContext(db: DataSource): Context {
  return { db, loaders: createLoaders(db) };
}
