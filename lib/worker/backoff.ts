/**
 * Bounded, jittered exponential backoff ("equal jitter"): the n-th consecutive failure waits a
 * random time in [d/2, d] where d = min(maxMs, baseMs × 2^n). Pure: the random source is passed in,
 * so tests are seeded. `reset()` after a success starts again from baseMs.
 */
export interface BackoffOptions {
  baseMs?: number;
  maxMs?: number;
  random?: () => number;
}

export interface Backoff {
  /** The delay before the next attempt; counts one more failure. */
  next(): number;
  reset(): void;
  readonly failures: number;
}

export function createBackoff({ baseMs = 250, maxMs = 5_000, random = Math.random }: BackoffOptions = {}): Backoff {
  if (!(baseMs > 0) || !(maxMs >= baseMs)) throw new Error("backoff: need 0 < baseMs <= maxMs");
  let failures = 0;
  return {
    next() {
      // 2^n stops growing once it passes maxMs: no Infinity, no overflow however long the outage.
      const ceiling = Math.min(maxMs, baseMs * 2 ** Math.min(failures, 40));
      failures++;
      return Math.round(ceiling / 2 + random() * (ceiling / 2));
    },
    reset() {
      failures = 0;
    },
    get failures() {
      return failures;
    },
  };
}

/** A seeded pseudo-random source (mulberry32) for reproducible jitter in tests. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Waits `ms`, or less when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    }
    signal?.addEventListener("abort", done, { once: true });
  });
}
