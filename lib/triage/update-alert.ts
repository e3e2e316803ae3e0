import { requirePermission, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { serializeAlert } from "../alerts/serialize-alert";
import type { AlertJson } from "../alerts/types";
import { db } from "../db/client";
import { insertActivities } from "../db/queries/alert-activity";
import { lockAlert, updateAlert as updateAlertRow } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import type { AlertUpdate } from "../validation/alerts";
import { planUpdate } from "./plan-update";

/** Changes one alert's status, closing reason or assignee; activity and audit in the same transaction. */
export async function updateAlert(input: { id: string; update: AlertUpdate }, actor: Actor): Promise<AlertJson> {
  requirePermission(actor, "triage");
  return db().$transaction(async (tx) => {
    const alert = await lockAlert(input.id, tx);
    if (!alert) throw notFound("Alert");
    const { changes, activities } = planUpdate(alert, input.update, actor.label, new Date());
    if (!activities.length) return serializeAlert(alert);
    const updated = await updateAlertRow(alert.id, changes, tx);
    await insertActivities(activities, tx);
    await recordAudit(
      { actor, action: "alert.update", targetType: "alert", targetId: alert.id, details: { ...input.update, from: { status: alert.status, assignee: alert.assignee } } },
      tx,
    );
    return serializeAlert(updated);
  });
}
