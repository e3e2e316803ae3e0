import { deleteThrottleKeys, updateThrottleKey } from "../db/queries/auth";
import { env } from "../env";
import { AppError } from "../http/errors";
import { decideAttempt, releaseAttempt, type ThrottlePolicy } from "./throttle-policy";

/**
 * Sign-in throttling (semantics in lib/auth/README.md). Three keys per attempt:
 * - account × address: LOGIN_MAX_FAILURES attempts per LOGIN_WINDOW_MINUTES, then a lockout that
 *   doubles each time (one window, two, four, … at most a day), so guessing one account from one
 *   place stops quickly, while the same account from elsewhere and everyone else behind the same
 *   address are not locked out;
 * - account alone and address alone: ten times that limit, one window each (distributed guessing
 *   on one account; spraying many accounts from one address).
 * Each attempt is reserved before the password is checked, under a row lock, so a parallel burst
 * evaluates at most the limit.
 */
const DAY_MS = 86_400_000;
const WIDE_FACTOR = 10;

export interface ThrottleKeys {
  pair: string;
  account: string;
  address: string | null;
}

export function throttleKeys(email: string, ip: string | null): ThrottleKeys {
  return { pair: `pair:${email}|${ip ?? "unknown"}`, account: `account:${email}`, address: ip ? `address:${ip}` : null };
}

function policies() {
  const e = env();
  const windowMs = e.LOGIN_WINDOW_MINUTES * 60_000;
  const pair: ThrottlePolicy = { limit: e.LOGIN_MAX_FAILURES, windowMs, backoff: true, maxLockMs: DAY_MS, forgetLockoutsMs: DAY_MS };
  const wide: ThrottlePolicy = { ...pair, limit: e.LOGIN_MAX_FAILURES * WIDE_FACTOR, backoff: false };
  return { pair, wide };
}

/** Reserves one attempt on every key, or throws 429 (Retry-After) at the first key that is over its limit. */
export async function reserveAttempt(keys: ThrottleKeys) {
  const { pair, wide } = policies();
  const order: [string, ThrottlePolicy][] = [[keys.pair, pair], [keys.account, wide]];
  if (keys.address) order.push([keys.address, wide]);
  for (const [key, policy] of order) {
    const retryAfter = await updateThrottleKey(key, (state) => {
      const d = decideAttempt(state, new Date(), policy);
      return { state: d.state, result: d.allowed ? null : d.retryAfterSeconds };
    });
    if (retryAfter !== null) throw new AppError("too_many_requests", "Too many sign-in attempts. Try again later.", undefined, retryAfter);
  }
}

/**
 * A successful sign-in: the account's own keys start afresh; the address keeps counting the other
 * accounts' failures but gets this attempt back.
 */
export async function attemptSucceeded(keys: ThrottleKeys) {
  await deleteThrottleKeys([keys.pair, keys.account]);
  if (keys.address) await updateThrottleKey(keys.address, (state) => ({ state: releaseAttempt(state), result: null }));
}
