import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { updateUserRow } from "../db/queries/users";
import { AppError } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { preferencesSchema, type Theme } from "../validation/preferences";

/**
 * The signed-in user's own preferences (today the theme). Only a person has them: an API key's
 * caller gets a 422. Audited like every change, in the same transaction.
 */
export async function updatePreferences(input: unknown, ctx: ServiceContext): Promise<{ theme: Theme }> {
  const actor = requirePermission(ctx.actor, "read");
  const patch = preferencesSchema.parse(input);
  if (actor.kind !== "user") throw new AppError("validation_failed", "preferences belong to a signed-in user, not to an API key");
  return inTransaction(ctx.tx, async (tx) => {
    const user = await updateUserRow(actor.id, { theme: patch.theme }, tx);
    await recordAudit({ actor, action: "user.preferences", targetType: "user", targetId: actor.id, details: { theme: patch.theme }, ip: ctx.ip ?? null }, tx);
    return { theme: user.theme as Theme };
  });
}
