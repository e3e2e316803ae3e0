import { describe, expect, test } from "vitest";
import { createBackoff, seededRandom, sleep } from "@/lib/worker/backoff";

describe("backoff", () => {
  test("each delay lies in [d/2, d] with d doubling from baseMs up to maxMs", () => {
    const b = createBackoff({ baseMs: 100, maxMs: 1600, random: seededRandom(7) });
    const ceilings = [100, 200, 400, 800, 1600, 1600, 1600];
    for (const d of ceilings) {
      const delay = b.next();
      expect(delay).toBeGreaterThanOrEqual(d / 2);
      expect(delay).toBeLessThanOrEqual(d);
    }
    expect(b.failures).toBe(ceilings.length);
  });

  test("the extremes of the random source give exactly d/2 and d", () => {
    expect(createBackoff({ baseMs: 100, maxMs: 100, random: () => 0 }).next()).toBe(50);
    expect(createBackoff({ baseMs: 100, maxMs: 100, random: () => 1 }).next()).toBe(100);
  });

  test("however long the outage, the delay stays finite and at most maxMs", () => {
    const b = createBackoff({ baseMs: 250, maxMs: 5000, random: seededRandom(1) });
    for (let i = 0; i < 100_000; i++) {
      const d = b.next();
      if (!(Number.isFinite(d) && d >= 125 && d <= 5000)) throw new Error(`delay ${d} at failure ${i}`);
    }
  });

  test("reset starts again from baseMs", () => {
    const b = createBackoff({ baseMs: 100, maxMs: 10_000, random: () => 1 });
    for (let i = 0; i < 10; i++) b.next();
    b.reset();
    expect(b.failures).toBe(0);
    expect(b.next()).toBe(100);
  });

  test("jitter spreads the delays (no two workers retry in lock-step)", () => {
    const b = createBackoff({ baseMs: 1000, maxMs: 1000, random: seededRandom(42) });
    const delays = new Set(Array.from({ length: 50 }, () => b.next()));
    expect(delays.size).toBeGreaterThan(40);
  });

  test("a seeded source repeats its sequence", () => {
    const a = seededRandom(99);
    const b = seededRandom(99);
    expect(Array.from({ length: 5 }, a)).toEqual(Array.from({ length: 5 }, b));
  });

  test("bad bounds are refused", () => {
    expect(() => createBackoff({ baseMs: 0 })).toThrow();
    expect(() => createBackoff({ baseMs: 100, maxMs: 50 })).toThrow();
  });

  test("sleep ends early when aborted", async () => {
    const ac = new AbortController();
    const started = performance.now();
    const p = sleep(60_000, ac.signal);
    ac.abort();
    await p;
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
