/** How much of a client's budget is spent in the current window. */
export interface Usage {
  limit: number;
  used: number;
  remaining: number;
  /** When the window ends and the budget is whole again (ms since the epoch). */
  resetAt: number;
}

/** The answer to a charge: the usage afterwards, and whether the points were taken. */
export interface Charge extends Usage {
  /** False when the points did not fit in what remains; nothing was taken then. */
  allowed: boolean;
}

/** The budget a charge is counted against. */
export interface Budget {
  limit: number;
  windowMs: number;
}

/**
 * Where spent points are kept. Implementations must make `take` atomic per key, so that a
 * store shared by several server instances (e.g. Redis with a script, or a SQL row lock)
 * can replace the in-memory one without changing the limiter.
 */
export interface RateLimitStore {
  /**
   * Takes `cost` points from `key`'s budget when they fit in what remains of the current
   * window. A window starts with a key's first charge and lasts `budget.windowMs`.
   */
  take(key: string, cost: number, budget: Budget, now: number): Promise<Charge>;
  /** The usage of `key` without charging anything. */
  peek(key: string, budget: Budget, now: number): Promise<Usage>;
}
