import { describe, expect, test } from "vitest";
import { decideAttempt, freshState, releaseAttempt, type ThrottlePolicy, type ThrottleState } from "@/lib/auth/throttle-policy";

const MIN = 60_000;
const policy: ThrottlePolicy = { limit: 3, windowMs: 10 * MIN, backoff: true, maxLockMs: 24 * 60 * MIN, forgetLockoutsMs: 24 * 60 * MIN };
const at = (ms: number) => new Date(Date.UTC(2026, 11, 4) + ms);

function run(state: ThrottleState, times: number, now: Date, p = policy) {
  const out: boolean[] = [];
  for (let i = 0; i < times; i++) {
    const d = decideAttempt(state, now, p);
    out.push(d.allowed);
    state = d.state;
  }
  return { state, out };
}

describe("sign-in throttle policy", () => {
  test("the limit is evaluated, the next attempt is refused and locks for one window", () => {
    const { state, out } = run(freshState(at(0)), 5, at(1000));
    expect(out).toEqual([true, true, true, false, false]);
    expect(state.lockedUntil!.getTime()).toBe(at(1000).getTime() + 10 * MIN);
    const refused = decideAttempt(state, at(2000), policy);
    expect(refused.allowed).toBe(false);
    if (!refused.allowed) expect(refused.retryAfterSeconds).toBe(599);
  });

  test("attempts while locked change nothing", () => {
    const locked = run(freshState(at(0)), 4, at(0)).state;
    const d = decideAttempt(locked, at(5 * MIN), policy);
    expect(d.state).toEqual(locked);
  });

  test("each further lockout doubles: 10, 20, 40 minutes", () => {
    let state = freshState(at(0));
    let now = 0;
    const lengths: number[] = [];
    for (let k = 0; k < 3; k++) {
      state = run(state, 4, at(now)).state;
      lengths.push((state.lockedUntil!.getTime() - at(now).getTime()) / MIN);
      now = state.lockedUntil!.getTime() - at(0).getTime();
    }
    expect(lengths).toEqual([10, 20, 40]);
  });

  test("without backoff every lockout lasts one window", () => {
    let state = freshState(at(0));
    state = run(state, 4, at(0), { ...policy, backoff: false }).state;
    state = run(state, 4, at(10 * MIN), { ...policy, backoff: false }).state;
    expect(state.lockedUntil!.getTime() - at(10 * MIN).getTime()).toBe(10 * MIN);
  });

  test("the lock length is capped", () => {
    const state: ThrottleState = { attempts: 3, windowStartedAt: at(0), lockedUntil: null, lockouts: 40, lastLockedAt: at(0) };
    const d = decideAttempt(state, at(1), { ...policy, maxLockMs: 60 * MIN });
    expect(d.state.lockedUntil!.getTime() - at(1).getTime()).toBe(60 * MIN);
  });

  test("a window that passed starts counting again", () => {
    const { state } = run(freshState(at(0)), 3, at(0));
    const d = decideAttempt(state, at(10 * MIN), policy);
    expect(d.allowed).toBe(true);
    expect(d.state.attempts).toBe(1);
  });

  test("lockouts are forgotten a day after the last one", () => {
    const state: ThrottleState = { attempts: 0, windowStartedAt: at(0), lockedUntil: at(10 * MIN), lockouts: 5, lastLockedAt: at(0) };
    const d = decideAttempt(state, at(24 * 60 * MIN), policy);
    expect(d.state.lockouts).toBe(0);
    const locked = run(d.state, 3, at(24 * 60 * MIN)).state;
    expect(locked.lockedUntil!.getTime() - at(24 * 60 * MIN).getTime()).toBe(10 * MIN);
  });

  test("a successful attempt gives its reservation back", () => {
    const { state } = run(freshState(at(0)), 3, at(0));
    expect(releaseAttempt(state).attempts).toBe(2);
    expect(releaseAttempt(freshState(at(0))).attempts).toBe(0);
  });
});
