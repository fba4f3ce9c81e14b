import type { DataSource, EntityManager } from "typeorm";
import { refreshSearchIndex } from "./search-index";

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On SQLite every DataSource shares one connection, so
 * transactions are queued and run one after another, and each brings the full-text index
 * up to date before it commits; PostgreSQL runs them side by side.
 */
export function writeTransaction<T>(db: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === "postgres") return db.transaction(work);
  // The full-text index follows the articles inside the same transaction.
  const withIndex = (em: EntityManager) =>
    work(em).then(async (result) => {
      await refreshSearchIndex((sql) => em.query(sql));
      return result;
    });
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(withIndex),
    () => db.transaction(withIndex),
  );
  queues.set(db, run.catch(() => undefined));
  return run;
}
