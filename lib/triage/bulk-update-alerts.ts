import { requirePermission } from "../auth/actor";
import type { AlertStatus } from "../alerts/types";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import type { NewActivity } from "../db/queries/alert-activity";
import { insertActivities } from "../db/queries/alert-activity";
import { lockAlertsByFilter, lockAlertsByIds, updateAlerts } from "../db/queries/alerts";
import { AppError } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { bulkUpdateSchema } from "../validation/alerts";
import { planUpdate } from "./plan-update";

/** The most alerts one bulk update may change: beyond it the request is refused, never half-applied. */
export const BULK_MAX = 10_000;

/**
 * POST /api/v1/alerts/bulk — `{ target: { ids } | { filter }, update }`: applies one update to the
 * alerts with the given ids, or to every alert matching a filter, in one transaction: one activity
 * row per changed alert, one audit row with the count.
 */
export async function bulkUpdateAlerts(
  raw: unknown,
  ctx: ServiceContext,
): Promise<{ updated: number; matched: number; changed: { id: string; from: AlertStatus }[] }> {
  const actor = requirePermission(ctx.actor, "triage");
  const input = bulkUpdateSchema.parse(raw);
  return inTransaction(
    ctx.tx,
    async (tx) => {
      let alerts;
      if ("ids" in input.target) {
        alerts = await lockAlertsByIds([...new Set(input.target.ids)], tx);
      } else {
        const found = await lockAlertsByFilter(input.target.filter, BULK_MAX, tx);
        if (found.tooMany) throw new AppError("validation_failed", `More than ${BULK_MAX} alerts match this filter; narrow it first`);
        alerts = found.alerts;
      }
      const now = ctx.now ?? new Date();
      const activities: NewActivity[] = [];
      // The alerts whose status changes and the status each had: what the page's Undo restores.
      const changed: { id: string; from: AlertStatus }[] = [];
      // Alerts in the same state get the same changes: one UPDATE per distinct change set.
      const groups = new Map<string, { changes: Parameters<typeof updateAlerts>[1]; ids: string[] }>();
      for (const alert of alerts) {
        const plan = planUpdate(alert, input.update, actor.label, now);
        if (!plan.activities.length) continue;
        const key = JSON.stringify(plan.changes);
        const group = groups.get(key) ?? groups.set(key, { changes: plan.changes, ids: [] }).get(key)!;
        group.ids.push(alert.id);
        if (plan.changes.status) changed.push({ id: alert.id, from: alert.status as AlertStatus });
        activities.push(...plan.activities);
      }
      let updated = 0;
      for (const g of groups.values()) updated += await updateAlerts(g.ids, g.changes, tx);
      await insertActivities(activities, tx);
      await recordAudit(
        {
          actor,
          action: "alert.bulk_update",
          targetType: "alert",
          details: {
            updated,
            matched: alerts.length,
            update: input.update,
            by: "ids" in input.target ? "ids" : "filter",
            ...("filter" in input.target ? { filter: JSON.parse(JSON.stringify(input.target.filter)) } : {}),
          },
          ip: ctx.ip,
        },
        tx,
      );
      return { updated, matched: alerts.length, changed };
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
