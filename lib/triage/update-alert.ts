import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { serializeAlert } from "../alerts/serialize-alert";
import type { AlertJson } from "../alerts/types";
import { inTransaction } from "../db/client";
import { insertActivities } from "../db/queries/alert-activity";
import { lockAlert, updateAlert as updateAlertRow } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { alertUpdateSchema } from "../validation/alerts";
import { planUpdate } from "./plan-update";

const target = z.object({ id: z.string().max(200), update: z.unknown() });

/**
 * PATCH /api/v1/alerts/:id — `{ id, update }`, the update being the request body: changes one
 * alert's status, closing reason or assignee; activity and audit in the same transaction.
 */
export async function updateAlert(input: unknown, ctx: ServiceContext): Promise<AlertJson> {
  const actor = requirePermission(ctx.actor, "triage");
  const { id } = target.parse(input);
  const update = alertUpdateSchema.parse((input as { update: unknown }).update);
  return inTransaction(ctx.tx, async (tx) => {
    const alert = await lockAlert(id, tx);
    if (!alert) throw notFound("Alert");
    const { changes, activities } = planUpdate(alert, update, actor.label, ctx.now ?? new Date());
    if (!activities.length) return serializeAlert(alert);
    const updated = await updateAlertRow(alert.id, changes, tx);
    await insertActivities(activities, tx);
    await recordAudit(
      {
        actor,
        action: "alert.update",
        targetType: "alert",
        targetId: alert.id,
        details: { ...update, from: { status: alert.status, assignee: alert.assignee } },
        ip: ctx.ip,
      },
      tx,
    );
    return serializeAlert(updated);
  });
}
