import { requirePermission, type Actor } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { deleteSessionsOfUser, getUser, updateUserRow } from "../db/queries/users";
import { notFound } from "../http/errors";
import { uuidParam } from "../validation/admin";
import { generatePassword } from "./create-user";
import { serializeUser, type UserJson } from "./serialize-user";

/** Sets a new generated password (returned once) and ends the user's sessions. */
export async function resetPassword(
  input: { id: string },
  actor: Actor | null,
  meta: { ip?: string | null } = {},
): Promise<{ user: UserJson; password: string; sessionsEnded: number }> {
  const by = requirePermission(actor, "users:write");
  const id = uuidParam.parse(input.id);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return db().$transaction(async (tx) => {
    if (!(await getUser(id, tx))) throw notFound("User");
    const user = await updateUserRow(id, { passwordHash }, tx);
    const sessionsEnded = await deleteSessionsOfUser(id, tx);
    await recordAudit(
      { actor: by, action: "user.reset_password", targetType: "user", targetId: id, details: { email: user.email, sessionsEnded }, ip: meta.ip },
      tx,
    );
    return { user: serializeUser(user), password, sessionsEnded };
  });
}
