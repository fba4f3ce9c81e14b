import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/** Every key starts with this, so that a leaked key is recognisable in logs and scanners. */
export const KEY_PREFIX = "ngk_";

/** A new key: 256 random bits, base64url, behind the prefix. Shown once; only its hash is stored. */
export function generateApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

/** The SHA-256 hash of a key in hex: what the database keeps instead of the key. */
export function hashApiKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** The indexed part of a hash, looked up before the full hash is compared in constant time. */
export function hashPrefix(hash: string): string {
  return hash.slice(0, 16);
}

/** True when a key hashes to the stored hash; the comparison takes the same time wherever they differ. */
export function verifyApiKey(key: string, storedHash: string): boolean {
  const given = Buffer.from(hashApiKey(key), "hex");
  const stored = Buffer.from(storedHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored);
}
