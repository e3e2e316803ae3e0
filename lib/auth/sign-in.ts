import { recordAudit } from "../audit/record-audit";
import { findUserForSignIn, recordUserSignIn } from "../db/queries/auth";
import { AppError } from "../http/errors";
import { verifyAgainstDummy, verifyPassword } from "./password";
import type { Role } from "./roles";
import { createSession } from "./sessions";
import { attemptSucceeded, reserveAttempt, throttleKeys } from "./throttle";

/**
 * Checks the credentials and opens a new session (a fresh token at every sign-in). The attempt is
 * reserved with the throttle first (429 beyond the limit). The error never says whether the account
 * exists.
 */
export async function signIn(emailInput: string, password: string, meta: { ip: string | null; userAgent: string | null }) {
  const email = emailInput.trim().toLowerCase();
  const keys = throttleKeys(email, meta.ip);
  await reserveAttempt(keys);
  const user = await findUserForSignIn(email);
  const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!ok || !user) {
    await recordAudit({ actor: null, actorLabel: email, action: "auth.sign_in", ok: false, ip: meta.ip });
    throw new AppError("unauthenticated", "Invalid email or password");
  }
  await attemptSucceeded(keys);
  const session = await createSession(user.id, meta);
  await recordUserSignIn(user.id, new Date());
  await recordAudit({
    actor: { kind: "user", id: user.id, label: user.email, role: user.role as Role, sessionId: "" },
    action: "auth.sign_in",
    ip: meta.ip,
  });
  return { ...session, user: { id: user.id, email: user.email, role: user.role } };
}
