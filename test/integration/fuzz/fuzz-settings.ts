import type fc from "fast-check";

/** The seed every fuzz run starts from (FUZZ_SEED), so a failure in CI replays locally. */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20_250_601);

const FACTOR = Number(process.env.FUZZ_RUNS_FACTOR ?? 1);

/** How long one property may run before it stops with the cases it has done. */
const TIME_LIMIT_MS = 20_000 * FACTOR;

/** Jest's timeout for a fuzz test: the property's time limit plus room for its last case. */
export const FUZZ_TEST_TIMEOUT_MS = TIME_LIMIT_MS + 30_000;

/**
 * Parameters of one property: seeded, `runs` cases (scaled by FUZZ_RUNS_FACTOR, e.g. 10
 * for a longer local hunt), and bounded in time so CI never waits long.
 */
export function fuzzParameters<T>(runs: number): fc.Parameters<T> {
  return { seed: FUZZ_SEED, numRuns: Math.max(1, Math.round(runs * FACTOR)), interruptAfterTimeLimit: TIME_LIMIT_MS, markInterruptAsFailure: false };
}

/** Records unhandled rejections and uncaught exceptions while fuzzing, which must stay empty. */
export function watchUnhandled(): { seen: string[]; stop(): void } {
  const seen: string[] = [];
  const record = (error: unknown) => seen.push(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.on("unhandledRejection", record);
  process.on("uncaughtException", record);
  return {
    seen,
    stop() {
      process.off("unhandledRejection", record);
      process.off("uncaughtException", record);
    },
  };
}
