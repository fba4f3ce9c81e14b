import type { RateLimitConfig } from "../../config";
import type { ClientIdentity } from "./client-identity";
import { MemoryRateLimitStore } from "./memory-store";
import type { Budget, Charge, RateLimitStore, Usage } from "./rate-limit-store";

/** Milliseconds since the epoch; tests pass their own. */
export type Clock = () => number;

/**
 * Spends clients' budgets of cost points: an API key gets `keyPoints` per window, an
 * address `points`. The store keeps what was spent (in memory by default; any
 * RateLimitStore can replace it) and the clock is injectable so tests need no sleeping.
 */
export class RateLimiter {
  constructor(
    private readonly config: Pick<RateLimitConfig, "points" | "keyPoints" | "windowSeconds">,
    private readonly store: RateLimitStore = new MemoryRateLimitStore(),
    readonly clock: Clock = Date.now,
  ) {}

  /** The budget that applies to a client. */
  budgetOf(client: ClientIdentity): Budget {
    return { limit: client.kind === "key" ? this.config.keyPoints : this.config.points, windowMs: this.config.windowSeconds * 1000 };
  }

  /** What the client has spent in its current window, without charging. */
  status(client: ClientIdentity): Promise<Usage> {
    return this.store.peek(client.id, this.budgetOf(client), this.clock());
  }

  /** Charges `cost` points (at least 1) when they fit; a refused charge takes nothing. */
  charge(client: ClientIdentity, cost: number): Promise<Charge> {
    const points = Number.isFinite(cost) ? Math.max(1, Math.ceil(cost)) : Number.MAX_SAFE_INTEGER;
    return this.store.take(client.id, points, this.budgetOf(client), this.clock());
  }
}
