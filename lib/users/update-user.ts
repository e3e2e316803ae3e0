import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { countOtherActiveAdmins, deleteSessionsOfUser, getUser, lockAdminChanges, updateUserRow } from "../db/queries/users";
import { AppError, notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { updateUserInput } from "../validation/admin";
import { uuidParam } from "../validation/common";
import { serializeUser, type UserJson } from "./serialize-user";

const target = z.object({ id: uuidParam, patch: z.unknown() });

/**
 * PATCH /api/v1/users/:id — `{ id, patch }`, the patch being the request body. Changes a user's role, disabled flag or name. Disabling ends the user's sessions at once. No
 * change may leave the system without an active admin (409).
 */
export async function updateUser(input: unknown, ctx: ServiceContext): Promise<{ user: UserJson; sessionsEnded: number }> {
  const by = requirePermission(ctx.actor, "users:write");
  const { id, patch: body } = target.parse(input);
  const patch = updateUserInput.parse(body);

  return inTransaction(ctx.tx, async (tx) => {
    await lockAdminChanges(tx);
    const before = await getUser(id, tx);
    if (!before) throw notFound("User");
    const removesAdmin =
      before.role === "admin" && !before.disabled && ((patch.role !== undefined && patch.role !== "admin") || patch.disabled === true);
    if (removesAdmin && (await countOtherActiveAdmins(id, tx)) === 0) {
      const self = by.kind === "user" && by.id === id;
      throw new AppError(
        "conflict",
        `${self ? "You are" : `${before.email} is`} the last active admin: make another user an admin before ${patch.disabled ? "disabling" : "demoting"} ${self ? "yourself" : "this account"}`,
      );
    }
    const data = {
      ...(patch.role !== undefined ? { role: patch.role } : {}),
      ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
      ...(patch.name !== undefined ? { name: patch.name || null } : {}),
    };
    const after = await updateUserRow(id, data, tx);
    const sessionsEnded = patch.disabled === true ? await deleteSessionsOfUser(id, tx) : 0;

    const changes: Record<string, { from: string | boolean | null; to: string | boolean | null }> = {};
    if (before.role !== after.role) changes.role = { from: before.role, to: after.role };
    if (before.disabled !== after.disabled) changes.disabled = { from: before.disabled, to: after.disabled };
    if (before.name !== after.name) changes.name = { from: before.name, to: after.name };
    const action = changes.disabled ? (after.disabled ? "user.disable" : "user.enable") : changes.role ? "user.role_change" : "user.update";
    await recordAudit(
      { actor: by, action, targetType: "user", targetId: id, details: { email: after.email, changes, sessionsEnded }, ip: ctx.ip },
      tx,
    );
    return { user: serializeUser(after), sessionsEnded };
  });
}
