import type { DataSource, EntityManager } from "typeorm";
import { refreshSearchIndex } from "./search-index";

const queues = new WeakMap<DataSource, Promise<unknown>>();
const committedHooks = new WeakMap<DataSource, () => Promise<void>>();

/**
 * Registers what runs after each write transaction of `db` commits (on PostgreSQL): the
 * response cache's change number catches up with the commit before the writer goes on, so
 * that an instance reads its own writes at once.
 */
export function onWriteCommitted(db: DataSource, hook: (() => Promise<void>) | null): void {
  if (hook) committedHooks.set(db, hook);
  else committedHooks.delete(db);
}

/**
 * Runs `work` in one transaction. On SQLite every DataSource shares one connection, so
 * transactions are queued and run one after another, and each brings the full-text index
 * up to date before it commits. On PostgreSQL, where several instances write to one store,
 * each write transaction first locks the change counter's row: writes that take change
 * numbers commit one after another, in the order of their numbers (so a sync never skips a
 * change committed late), and never deadlock over the counter; the full-text index follows
 * at commit by itself (a deferred trigger). Reads never wait for it.
 */
export function writeTransaction<T>(db: DataSource, work: (em: EntityManager) => Promise<T>): Promise<T> {
  if (db.options.type === "postgres") {
    return db
      .transaction(async (em) => {
        await em.query("SELECT value FROM change_counter WHERE id = 1 FOR UPDATE");
        return work(em);
      })
      .then(async (result) => {
        await committedHooks.get(db)?.();
        return result;
      });
  }
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
