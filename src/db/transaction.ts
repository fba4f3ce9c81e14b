import type { DataSource, EntityManager } from "typeorm";

const queues = new WeakMap<DataSource, Promise<unknown>>();

/**
 * Runs `work` in one transaction. On SQLite every DataSource shares one connection, so
 * transactions are queued and run one after another; PostgreSQL runs them side by side.
 */
export function writeTransaction<T>(db: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === "postgres") return db.transaction(work);
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.then(
    () => db.transaction(work),
    () => db.transaction(work),
  );
  queues.set(db, run.catch(() => undefined));
  return run;
}
