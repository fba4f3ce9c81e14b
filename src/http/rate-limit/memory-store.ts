import type { Budget, Charge, RateLimitStore, Usage } from "./rate-limit-store";

interface Window {
  used: number;
  resetAt: number;
}

/** Keys kept at most; past this the oldest windows are dropped (those clients start afresh). */
const DEFAULT_MAX_KEYS = 100_000;

/**
 * Keeps every key's window in this process's memory: right for one server instance.
 * Ended windows are swept out at most once a second, and the number of keys is capped so
 * a flood of new addresses cannot grow memory without bound.
 */
export class MemoryRateLimitStore implements RateLimitStore {
  private readonly windows = new Map<string, Window>();
  private nextSweep = 0;

  constructor(private readonly maxKeys = DEFAULT_MAX_KEYS) {}

  async take(key: string, cost: number, budget: Budget, now: number): Promise<Charge> {
    this.sweep(now);
    const window = this.current(key, budget, now);
    const allowed = window.used + cost <= budget.limit;
    if (allowed) {
      window.used += cost;
      if (!this.windows.has(key)) this.remember(key, window);
    }
    return Object.assign(usageOf(window, budget), { allowed });
  }

  async peek(key: string, budget: Budget, now: number): Promise<Usage> {
    return usageOf(this.current(key, budget, now), budget);
  }

  /** How many keys are kept now (for tests). */
  get size(): number {
    return this.windows.size;
  }

  private current(key: string, budget: Budget, now: number): Window {
    const window = this.windows.get(key);
    if (window && window.resetAt > now) return window;
    if (window) this.windows.delete(key);
    return { used: 0, resetAt: now + budget.windowMs };
  }

  private remember(key: string, window: Window): void {
    this.windows.set(key, window);
    // Map order is insertion order: the first keys are the oldest windows.
    for (const oldest of this.windows.keys()) {
      if (this.windows.size <= this.maxKeys) break;
      this.windows.delete(oldest);
    }
  }

  private sweep(now: number): void {
    if (now < this.nextSweep) return;
    this.nextSweep = now + 1000;
    for (const [key, window] of this.windows) if (window.resetAt <= now) this.windows.delete(key);
  }
}

function usageOf(window: Window, budget: Budget): Usage {
  return { limit: budget.limit, used: window.used, remaining: Math.max(0, budget.limit - window.used), resetAt: window.resetAt };
}
