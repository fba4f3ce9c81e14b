import type { DataSource } from "typeorm";
import { findLiveApiKey } from "../store/api-key-rows";
import { parseBearer } from "./bearer";
import type { Role } from "./roles";

/** Who is calling: an API key's id and role. */
export interface Caller {
  keyId: number;
  role: Role;
}

/** The caller of a request, or why there is none (no key, a malformed header, an unknown or revoked key). */
export type CallerResult = { caller: Caller } | { caller: null; reason: string };

/**
 * Resolves the caller of a request from its Authorization header, at most once and only
 * when asked (reads never look the key up).
 */
export function lazyCaller(db: DataSource, authorization: string | undefined): () => Promise<CallerResult> {
  let pending: Promise<CallerResult> | undefined;
  return () => (pending ??= resolveCaller(db, authorization));
}

async function resolveCaller(db: DataSource, authorization: string | undefined): Promise<CallerResult> {
  const bearer = parseBearer(authorization);
  if (bearer === null) return { caller: null, reason: "this operation writes and no API key was sent" };
  if ("problem" in bearer) return { caller: null, reason: bearer.problem };
  const key = await findLiveApiKey(db, bearer.key);
  if (!key) return { caller: null, reason: "the API key is unknown or revoked" };
  return { caller: { keyId: key.id, role: key.role } };
}
