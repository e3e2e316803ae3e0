/**
 * The sign-in throttle's rule for one key, pure (lib/auth/throttle.ts applies it under a row lock).
 *
 * - A window starts at the key's first attempt; at most `limit` attempts are evaluated in it. An
 *   attempt is counted before the password is checked (a reservation), so a parallel burst cannot
 *   evaluate more than the limit.
 * - The attempt after the limit is refused and locks the key for `windowMs × 2^lockouts` (with
 *   `backoff`; capped at `maxLockMs`), else for `windowMs`. Attempts while locked are refused and
 *   change nothing.
 * - When the lock or the window has passed, counting starts again; the lockout count (the backoff's
 *   exponent) is forgotten `forgetLockoutsMs` after the last lockout, or when the key is reset by a
 *   successful sign-in.
 */
import type { ThrottleState } from "../db/queries/auth";

export type { ThrottleState };

export interface ThrottlePolicy {
  limit: number;
  windowMs: number;
  backoff: boolean;
  maxLockMs: number;
  forgetLockoutsMs: number;
}

export type ThrottleDecision =
  | { allowed: true; state: ThrottleState }
  | { allowed: false; state: ThrottleState; retryAfterSeconds: number };

export function decideAttempt(s: ThrottleState, now: Date, p: ThrottlePolicy): ThrottleDecision {
  const t = now.getTime();
  if (s.lockedUntil && s.lockedUntil.getTime() > t) {
    return { allowed: false, state: s, retryAfterSeconds: secondsUntil(s.lockedUntil, t) };
  }
  let state = { ...s };
  const forget = state.lastLockedAt !== null && t - state.lastLockedAt.getTime() >= p.forgetLockoutsMs;
  if (forget) state = { ...state, lockouts: 0, lastLockedAt: null };
  if (state.lockedUntil !== null || t - state.windowStartedAt.getTime() >= p.windowMs) {
    state = { ...state, attempts: 0, windowStartedAt: now, lockedUntil: null };
  }
  if (state.attempts < p.limit) return { allowed: true, state: { ...state, attempts: state.attempts + 1 } };
  const lockMs = Math.min(p.maxLockMs, p.backoff ? p.windowMs * 2 ** Math.min(state.lockouts, 30) : p.windowMs);
  const lockedUntil = new Date(t + lockMs);
  return {
    allowed: false,
    state: { ...state, lockedUntil, lockouts: state.lockouts + 1, lastLockedAt: now },
    retryAfterSeconds: secondsUntil(lockedUntil, t),
  };
}

/** A finished attempt that succeeded gives its reservation back (the counter never goes below 0). */
export function releaseAttempt(s: ThrottleState): ThrottleState {
  return { ...s, attempts: Math.max(0, s.attempts - 1) };
}

export function freshState(now: Date): ThrottleState {
  return { attempts: 0, windowStartedAt: now, lockedUntil: null, lockouts: 0, lastLockedAt: null };
}

function secondsUntil(at: Date, t: number) {
  return Math.max(1, Math.ceil((at.getTime() - t) / 1000));
}
