import { db, type Tx } from "../client";

/**
 * The data behind signing in: sessions (keyed by the sha256 of the cookie token), API-key lookups,
 * the sign-in throttle's rows, and the one read that may see a password hash (the sign-in check).
 * Each function accepts the caller's transaction.
 */
type Client = Tx | ReturnType<typeof db>;
const client = (tx?: Tx): Client => tx ?? db();

// ---------------------------------------------------------------- sessions

export interface SessionRow {
  id: string;
  userId: string;
  expiresAt: Date;
  lastSeenAt: Date;
  user: { email: string; name: string | null; role: string; theme: string; disabled: boolean };
}

export function insertSession(data: { id: string; userId: string; ip: string | null; userAgent: string | null; expiresAt: Date }, tx?: Tx) {
  return client(tx).session.create({ data, select: { id: true } });
}

export function findSession(id: string, tx?: Tx): Promise<SessionRow | null> {
  return client(tx).session.findUnique({
    where: { id },
    select: {
      id: true,
      userId: true,
      expiresAt: true,
      lastSeenAt: true,
      user: { select: { email: true, name: true, role: true, theme: true, disabled: true } },
    },
  });
}

export async function touchSession(id: string, at: Date, tx?: Tx) {
  await client(tx).session.updateMany({ where: { id }, data: { lastSeenAt: at } });
}

export async function deleteSessionById(id: string, tx?: Tx) {
  await client(tx).session.deleteMany({ where: { id } });
}

// ---------------------------------------------------------------- users (sign-in)

export interface SignInUserRow {
  id: string;
  email: string;
  role: string;
  disabled: boolean;
  passwordHash: string;
}

/** The only read that returns a password hash: for checking a sign-in. */
export function findUserForSignIn(email: string, tx?: Tx): Promise<SignInUserRow | null> {
  return client(tx).user.findUnique({ where: { email }, select: { id: true, email: true, role: true, disabled: true, passwordHash: true } });
}

export async function recordUserSignIn(userId: string, at: Date, tx?: Tx) {
  await client(tx).user.update({ where: { id: userId }, data: { lastLoginAt: at }, select: { id: true } });
}

// ---------------------------------------------------------------- API keys

export interface ApiKeyRow {
  id: string;
  name: string;
  scope: string;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
}

export function findApiKeyByHash(keyHash: string, tx?: Tx): Promise<ApiKeyRow | null> {
  return client(tx).apiKey.findUnique({ where: { keyHash }, select: { id: true, name: true, scope: true, revokedAt: true, lastUsedAt: true } });
}

export async function touchApiKey(id: string, at: Date, tx?: Tx) {
  await client(tx).apiKey.updateMany({ where: { id }, data: { lastUsedAt: at } });
}

// ---------------------------------------------------------------- sign-in throttle

/** One throttle key's row (lib/auth/throttle-policy.ts decides what happens to it). */
export interface ThrottleState {
  attempts: number;
  windowStartedAt: Date;
  lockedUntil: Date | null;
  lockouts: number;
  lastLockedAt: Date | null;
}

/**
 * Reads one throttle key's state under a row lock (creating the row when missing), hands it to
 * `decide`, and stores what `decide` returns, all in one transaction: concurrent sign-ins for the
 * same key are serialized, so each sees the others' reservations.
 */
export async function updateThrottleKey<T>(key: string, decide: (state: ThrottleState) => { state: ThrottleState; result: T }): Promise<T> {
  return db().$transaction(async (tx) => {
    await tx.$executeRaw`INSERT INTO login_throttle (key) VALUES (${key}) ON CONFLICT (key) DO NOTHING`;
    const rows = await tx.$queryRaw<
      { attempts: number; window_started_at: Date; locked_until: Date | null; lockouts: number; last_locked_at: Date | null }[]
    >`SELECT attempts, window_started_at, locked_until, lockouts, last_locked_at FROM login_throttle WHERE key = ${key} FOR UPDATE`;
    const r = rows[0];
    const { state, result } = decide({
      attempts: r.attempts,
      windowStartedAt: r.window_started_at,
      lockedUntil: r.locked_until,
      lockouts: r.lockouts,
      lastLockedAt: r.last_locked_at,
    });
    await tx.loginThrottle.update({
      where: { key },
      data: {
        attempts: state.attempts,
        windowStartedAt: state.windowStartedAt,
        lockedUntil: state.lockedUntil,
        lockouts: state.lockouts,
        lastLockedAt: state.lastLockedAt,
      },
    });
    return result;
  });
}

export async function deleteThrottleKeys(keys: string[], tx?: Tx) {
  await client(tx).loginThrottle.deleteMany({ where: { key: { in: keys } } });
}
