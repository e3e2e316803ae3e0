import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { getAllowlistEntry, insertAllowlistChange, updateAllowlistEntryRow } from "../db/queries/allowlist";
import type { Prisma } from "../db/generated/client";
import { notFound } from "../http/errors";
import { allowlistEntrySchema, updateAllowlistSchema } from "../validation/allowlist";
import { closeMatchingAlertsInTx } from "./close-matching-alerts";
import { entrySnapshot, serializeEntry, type AllowlistEntryJson } from "./serialize-entry";
import type { ServiceContext } from "../service-context";
import { beginWrite, TX_OPTIONS } from "./service-context";

const target = z.object({ id: z.string().max(200), patch: z.unknown() });

/**
 * PATCH /api/v1/allowlist/:id — `{ id, patch }`, the patch being the request body. Changes any
 * fields of an entry. The merged entry is validated as a whole (an operator must still
 * fit its field). A patch that only sets `enabled` is recorded as enabled/disabled.
 */
export async function updateAllowlistEntry(input: unknown, ctx: ServiceContext): Promise<{ entry: AllowlistEntryJson; closedAlerts: number }> {
  const { actor, now } = beginWrite(ctx);
  const { id } = target.parse(input);
  const { closeMatchingAlerts, ...patch } = updateAllowlistSchema.parse((input as { patch: unknown }).patch);
  return inTransaction(ctx.tx, async (tx) => {
    const current = await getAllowlistEntry(id, tx);
    if (!current) throw notFound("Allowlist entry");
    const before = entrySnapshot(current);
    const merged = allowlistEntrySchema.parse({ ...before, ...patch, expiresAt: "expiresAt" in patch ? patch.expiresAt?.toISOString() ?? null : before.expiresAt });
    let row = await updateAllowlistEntryRow(
      id,
      {
        name: merged.name,
        comment: merged.comment,
        ruleId: merged.ruleId,
        conditions: merged.conditions as unknown as Prisma.InputJsonValue,
        caseInsensitive: merged.caseInsensitive,
        enabled: merged.enabled,
        expiresAt: merged.expiresAt,
        updatedAt: now,
        updatedBy: actor.label,
      },
      tx,
    );
    const keys = Object.keys(patch);
    const action = keys.length === 1 && keys[0] === "enabled" ? (merged.enabled ? "enabled" : "disabled") : "updated";
    await insertAllowlistChange({ entryId: id, actor: actor.label, action, before, after: entrySnapshot(row), at: now }, tx);
    const closedAlerts = closeMatchingAlerts ? await closeMatchingAlertsInTx(row, actor.label, now, tx) : 0;
    if (closedAlerts > 0) row = (await getAllowlistEntry(id, tx)) ?? row;
    await recordAudit(
      {
        actor,
        action: action === "updated" ? "allowlist.update" : `allowlist.${action === "enabled" ? "enable" : "disable"}`,
        targetType: "allowlist_entry",
        targetId: id,
        details: { fields: keys, closedAlerts },
        ip: ctx.ip,
      },
      tx,
    );
    return { entry: serializeEntry(row, now), closedAlerts };
  }, TX_OPTIONS);
}
