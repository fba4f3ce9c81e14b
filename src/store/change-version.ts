import type { Logger } from "pino";
import { Client } from "pg";
import type { DataSource } from "typeorm";
import { CHANGES_CHANNEL } from "../db/migrations/postgres-search-and-sync";
import { onWriteCommitted } from "../db/transaction";
import { dbQueries } from "../metrics";
import { changeVersionReader } from "./changes";

/** The store's change number as the response cache asks for it: synchronously, on every request. */
export interface ChangeVersion {
  /** The current change number; throws while it is not known (then nothing may be served from a cache). */
  read(): number;
  close(): Promise<void>;
}

/** How long to wait before connecting again after the listening connection was lost, at most. */
const MAX_RECONNECT_MS = 30_000;

/**
 * Opens the reader of the store's change number. On SQLite it reads the number from the
 * database file (one statement per call), so every process sharing the file is seen. On
 * PostgreSQL, where several instances share one store, a dedicated connection LISTENs on the
 * channel that every commit moving the number notifies (see the SearchAndSync migration), and
 * `read()` answers the last number notified without a statement. While that connection is
 * down the number is unknown, so nothing is served from the cache; on reconnecting it listens
 * first and then reads the number, so that no change falls between the two.
 */
export async function openChangeVersion(db: DataSource, log?: Logger): Promise<ChangeVersion> {
  if (db.options.type !== "postgres") {
    const read = changeVersionReader(db);
    return { read, close: async () => undefined };
  }
  const options = db.options as { url?: string };
  let version: number | null = null;
  /** The highest number notified on the current connection, also while the first read is on its way. */
  let notifiedMax = 0;
  let client: Client | null = null;
  let closed = false;
  let retryMs = 500;
  let timer: NodeJS.Timeout | undefined;

  const lost = (reason: string, error?: unknown) => {
    version = null;
    const dead = client;
    client = null;
    dead?.removeAllListeners();
    dead?.on("error", () => undefined);
    dead?.end().catch(() => undefined);
    if (closed) return;
    log?.warn({ err: error, retryMs }, `change notifications lost (${reason}): response cache off until reconnected`);
    clearTimeout(timer);
    timer = setTimeout(() => void connect(), retryMs).unref();
    retryMs = Math.min(retryMs * 2, MAX_RECONNECT_MS);
  };

  const connect = async (): Promise<void> => {
    const next = new Client({ connectionString: options.url, application_name: "newsgate-changes", keepAlive: true, keepAliveInitialDelayMillis: 10_000 });
    client = next;
    notifiedMax = 0;
    next.on("notification", (message) => {
      if (message.channel !== CHANGES_CHANNEL || client !== next) return;
      const notified = Number(message.payload);
      if (!Number.isFinite(notified)) return;
      notifiedMax = Math.max(notifiedMax, notified);
      if (version !== null) version = Math.max(version, notified);
    });
    next.on("error", (error) => client === next && lost("connection error", error));
    next.on("end", () => client === next && lost("connection ended"));
    try {
      await next.connect();
      await next.query(`LISTEN ${CHANGES_CHANNEL}`);
      dbQueries.inc();
      const { rows } = await next.query<{ value: string }>("SELECT value FROM change_counter WHERE id = 1");
      if (client !== next) {
        await next.end().catch(() => undefined); // closed (or replaced) meanwhile
        return;
      }
      version = Math.max(Number(rows[0]?.value ?? 0), notifiedMax);
      retryMs = 500;
    } catch (error) {
      if (client === next) lost("could not listen", error);
    }
  };

  // After a write of this instance commits, read the number on the listening connection: its
  // answer comes after the commit's notification, so this instance never serves what it replaced.
  onWriteCommitted(db, async () => {
    const current = client;
    if (!current || version === null) return;
    try {
      dbQueries.inc();
      const { rows } = await current.query<{ value: string }>("SELECT value FROM change_counter WHERE id = 1");
      if (client === current && version !== null) version = Math.max(version, Number(rows[0]?.value ?? 0));
    } catch (error) {
      if (client === current) lost("could not read the change number", error);
    }
  });

  await connect();
  return {
    read() {
      if (version === null) throw new Error("the store's change number is not known: change notifications are not being received");
      return version;
    },
    async close() {
      closed = true;
      onWriteCommitted(db, null);
      clearTimeout(timer);
      const last = client;
      client = null;
      version = null;
      await last?.end().catch(() => undefined);
    },
  };
}
