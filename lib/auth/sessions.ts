import { deleteSessionById, findSession, insertSession, touchSession } from "../db/queries/auth";
import { env } from "../env";
import { randomToken, sha256 } from "./tokens";
import type { Role } from "./roles";
import { THEMES, type Theme } from "../validation/preferences";

/**
 * Server-side sessions. The cookie holds a random token; the database holds its sha256. A session
 * ends after SESSION_IDLE_MINUTES without use, or SESSION_MAX_HOURS after sign-in, or at sign-out.
 */
export const SESSION_COOKIE = "lateral_session";

export interface SessionUser {
  sessionId: string;
  userId: string;
  email: string;
  name: string | null;
  role: Role;
  theme: Theme;
}

export async function createSession(userId: string, meta: { ip?: string | null; userAgent?: string | null }) {
  const token = randomToken();
  const e = env();
  const now = Date.now();
  await insertSession({
    id: sha256(token),
    userId,
    ip: meta.ip ?? null,
    userAgent: meta.userAgent?.slice(0, 300) ?? null,
    expiresAt: new Date(now + e.SESSION_MAX_HOURS * 3600_000),
  });
  return { token, maxAgeSeconds: Math.round(e.SESSION_MAX_HOURS * 3600) };
}

/** The signed-in user for a cookie token, or null (unknown, malformed, expired or idle). */
export async function validateSession(token: string | undefined | null): Promise<SessionUser | null> {
  if (!token || token.length > 100 || !/^[A-Za-z0-9_-]+$/.test(token)) return null;
  const id = sha256(token);
  const session = await findSession(id);
  if (!session || session.user.disabled) return null;
  const now = Date.now();
  const idleMs = env().SESSION_IDLE_MINUTES * 60_000;
  if (session.expiresAt.getTime() <= now || session.lastSeenAt.getTime() + idleMs <= now) {
    await deleteSessionById(id);
    return null;
  }
  // Touch at most once a minute: idle expiry without a write per request.
  if (now - session.lastSeenAt.getTime() > 60_000) {
    await touchSession(id, new Date(now));
  }
  return {
    sessionId: id,
    userId: session.userId,
    email: session.user.email,
    name: session.user.name,
    role: session.user.role as Role,
    theme: (THEMES as readonly string[]).includes(session.user.theme) ? (session.user.theme as Theme) : "system",
  };
}

export async function deleteSession(token: string | undefined | null) {
  if (!token) return;
  await deleteSessionById(sha256(token));
}
