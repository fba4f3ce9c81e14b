import type { DataSource } from "typeorm";
import { generateApiKey, hashApiKey, hashPrefix, verifyApiKey } from "../auth/key-hash";
import { parseRole, type Role } from "../auth/roles";
import { dialectOf } from "../db/dialect";
import { writeTransaction } from "../db/transaction";
import { run, select } from "./sql";

/** A key as listed: never the key itself. */
export interface ApiKeyInfo {
  id: number;
  name: string | null;
  role: Role;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** How stale last_used_at may get before a use writes it again: at most one write a minute per key. */
export const LAST_USED_RESOLUTION_MS = 60_000;

type KeyRow = { id: number; name: string | null; role: string; key_hash: string; created_at: unknown; last_used_at: unknown; revoked_at: unknown };

function toInfo(row: KeyRow, db: DataSource): ApiKeyInfo {
  const d = dialectOf(db);
  return {
    id: Number(row.id),
    name: row.name,
    role: parseRole(row.role) ?? (row.role as Role),
    createdAt: d.readDate(row.created_at) as Date,
    lastUsedAt: d.readDate(row.last_used_at),
    revokedAt: d.readDate(row.revoked_at),
  };
}

/** Creates a key with a role; returns the key (shown once, stored only as a hash) and its listing. */
export async function createApiKey(db: DataSource, input: { role: Role; name?: string | null }): Promise<{ key: string; info: ApiKeyInfo }> {
  const d = dialectOf(db);
  const key = generateApiKey();
  const hash = hashApiKey(key);
  const [row] = await writeTransaction(db, (em) =>
    run<KeyRow>(
      em,
      "INSERT INTO api_keys (name, role, hash_prefix, key_hash, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id, name, role, key_hash, created_at, last_used_at, revoked_at",
      [input.name?.trim() || null, input.role, hashPrefix(hash), hash, d.date(new Date())],
    ),
  );
  return { key, info: toInfo(row, db) };
}

/** Every key, oldest first, revoked ones included. */
export async function listApiKeys(db: DataSource): Promise<ApiKeyInfo[]> {
  const rows = await select<KeyRow>(db, "SELECT id, name, role, key_hash, created_at, last_used_at, revoked_at FROM api_keys ORDER BY id");
  return rows.map((row) => toInfo(row, db));
}

/** Revokes a key; false when there is no such key. Revoking twice keeps the first date. */
export async function revokeApiKey(db: DataSource, id: number): Promise<boolean> {
  const d = dialectOf(db);
  return writeTransaction(db, async (em) => {
    const found = await select(em, "SELECT id FROM api_keys WHERE id = ?", [id]);
    if (!found.length) return false;
    await run(em, "UPDATE api_keys SET revoked_at = COALESCE(revoked_at, ?) WHERE id = ?", [d.date(new Date()), id]);
    return true;
  });
}

/**
 * The live (not revoked) key a caller presented, or null. Looked up by the hash's prefix,
 * then compared in constant time; records the use when the last one is over a minute old.
 */
export async function findLiveApiKey(db: DataSource, key: string, now = new Date()): Promise<ApiKeyInfo | null> {
  const hash = hashApiKey(key);
  const rows = await select<KeyRow>(
    db,
    "SELECT id, name, role, key_hash, created_at, last_used_at, revoked_at FROM api_keys WHERE hash_prefix = ?",
    [hashPrefix(hash)],
  );
  const row = rows.find((candidate) => verifyApiKey(key, candidate.key_hash));
  if (!row) return null;
  const info = toInfo(row, db);
  if (info.revokedAt || parseRole(row.role) === null) return null;
  if (!info.lastUsedAt || now.getTime() - info.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    const d = dialectOf(db);
    await writeTransaction(db, (em) => run(em, "UPDATE api_keys SET last_used_at = ? WHERE id = ?", [d.date(now), info.id]));
    info.lastUsedAt = now;
  }
  return info;
}
