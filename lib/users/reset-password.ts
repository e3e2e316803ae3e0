import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { hashPassword } from "../auth/password";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { deleteSessionsOfUser, getUser, updateUserRow } from "../db/queries/users";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { uuidParam } from "../validation/common";
import { generatePassword } from "./create-user";
import { serializeUser, type UserJson } from "./serialize-user";

/** Sets a new generated password (returned once) and ends the user's sessions. */
export async function resetPassword(input: unknown, ctx: ServiceContext): Promise<{ user: UserJson; password: string; sessionsEnded: number }> {
  const by = requirePermission(ctx.actor, "users:write");
  const { id } = z.object({ id: uuidParam }).parse(input);
  const password = generatePassword();
  const passwordHash = await hashPassword(password);
  return inTransaction(ctx.tx, async (tx) => {
    if (!(await getUser(id, tx))) throw notFound("User");
    const user = await updateUserRow(id, { passwordHash }, tx);
    const sessionsEnded = await deleteSessionsOfUser(id, tx);
    await recordAudit(
      { actor: by, action: "user.reset_password", targetType: "user", targetId: id, details: { email: user.email, sessionsEnded }, ip: ctx.ip },
      tx,
    );
    return { user: serializeUser(user), password, sessionsEnded };
  });
}
