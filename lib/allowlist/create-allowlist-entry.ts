import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { getAllowlistEntry, insertAllowlistChange, insertAllowlistEntry } from "../db/queries/allowlist";
import type { Prisma } from "../db/generated/client";
import { createAllowlistSchema } from "../validation/allowlist";
import { closeMatchingAlertsInTx } from "./close-matching-alerts";
import { entrySnapshot, serializeEntry, type AllowlistEntryJson } from "./serialize-entry";
import type { ServiceContext } from "../service-context";
import { beginWrite, TX_OPTIONS } from "./service-context";

/** Creates an entry; with `closeMatchingAlerts`, closes the open alerts it matches in the same transaction. */
export async function createAllowlistEntry(input: unknown, ctx: ServiceContext): Promise<{ entry: AllowlistEntryJson; closedAlerts: number }> {
  const { actor, now } = beginWrite(ctx);
  const { closeMatchingAlerts, ...data } = createAllowlistSchema.parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    let row = await insertAllowlistEntry(
      {
        name: data.name,
        comment: data.comment,
        ruleId: data.ruleId,
        conditions: data.conditions as unknown as Prisma.InputJsonValue,
        caseInsensitive: data.caseInsensitive,
        enabled: data.enabled,
        expiresAt: data.expiresAt,
        createdAt: now,
        createdBy: actor.label,
        updatedAt: now,
        updatedBy: actor.label,
      },
      tx,
    );
    await insertAllowlistChange({ entryId: row.id, actor: actor.label, action: "created", before: null, after: entrySnapshot(row), at: now }, tx);
    const closedAlerts = closeMatchingAlerts ? await closeMatchingAlertsInTx(row, actor.label, now, tx) : 0;
    if (closedAlerts > 0) row = (await getAllowlistEntry(row.id, tx)) ?? row;
    await recordAudit(
      {
        actor,
        action: "allowlist.create",
        targetType: "allowlist_entry",
        targetId: row.id,
        details: { name: row.name, ruleId: row.ruleId, closeMatchingAlerts, closedAlerts },
        ip: ctx.ip,
      },
      tx,
    );
    return { entry: serializeEntry(row, now), closedAlerts };
  }, TX_OPTIONS);
}
