import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { AppError } from "../http/errors";
import { verifyAgainstDummy, verifyPassword } from "./password";
import { createSession } from "./sessions";
import { assertNotThrottled, clearFailures, recordFailures } from "./throttle";

/**
 * Checks the credentials and opens a new session (a fresh token at every sign-in). The error never
 * says whether the account exists.
 */
export async function signIn(emailInput: string, password: string, meta: { ip: string | null; userAgent: string | null }) {
  const email = emailInput.trim().toLowerCase();
  const keys = [`email:${email}`, ...(meta.ip ? [`ip:${meta.ip}`] : [])];
  await assertNotThrottled(keys);
  const user = await db().user.findUnique({ where: { email } });
  const ok = user && !user.disabled ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDummy(password);
  if (!ok || !user) {
    await recordFailures(keys);
    await recordAudit({ actor: null, actorLabel: email, action: "auth.sign_in", ok: false, ip: meta.ip });
    throw new AppError("unauthenticated", "Invalid email or password");
  }
  await clearFailures(`email:${email}`);
  const session = await createSession(user.id, meta);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit({
    actor: { kind: "user", id: user.id, label: user.email, role: user.role as "admin", sessionId: "" },
    action: "auth.sign_in",
    ip: meta.ip,
  });
  return { ...session, user: { id: user.id, email: user.email, role: user.role } };
}
