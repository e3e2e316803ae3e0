import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { insertActivity } from "../db/queries/alert-activity";
import { countDoneSteps, upsertChecklistItem } from "../db/queries/alert-checklist";
import { lockAlert, updateAlert } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { checklistUpdateSchema } from "../validation/alerts";
import { checklistSteps } from "./rule-pack";
import { serializeChecklistItem, type ChecklistItemJson } from "./checklist-json";

const target = z.object({ alertId: z.string().max(200), stepId: z.string().max(200), change: z.unknown() });

/**
 * PUT /api/v1/alerts/:id/checklist/:stepId — `{ alertId, stepId, change }`, the change being the
 * request body `{ done, comment? }`: ticks or unticks one investigation step of an alert, with who
 * and when, and keeps `alerts.checklist_done` / `checklist_total` in step in the same transaction.
 */
export async function setChecklistItem(
  input: unknown,
  ctx: ServiceContext,
): Promise<{ item: ChecklistItemJson; checklist: { done: number; total: number } }> {
  const actor = requirePermission(ctx.actor, "triage");
  const { alertId, stepId } = target.parse(input);
  const change = checklistUpdateSchema.parse((input as { change: unknown }).change);
  return inTransaction(ctx.tx, async (tx) => {
    const alert = await lockAlert(alertId, tx);
    if (!alert) throw notFound("Alert");
    const steps = await checklistSteps(alert.ruleId);
    const step = steps.find((s) => s.id === stepId);
    if (!step) throw notFound("Checklist step");
    const now = ctx.now ?? new Date();
    const row = await upsertChecklistItem(
      alert.id,
      step.id,
      {
        done: change.done,
        doneBy: change.done ? actor.label : null,
        doneAt: change.done ? now : null,
        comment: change.comment === undefined ? undefined : change.comment || null,
      },
      tx,
    );
    const done = await countDoneSteps(alert.id, steps.map((s) => s.id), tx);
    await updateAlert(alert.id, { checklistDone: done, checklistTotal: steps.length }, tx);
    await insertActivity(
      { alertId: alert.id, actor: actor.label, kind: "checklist", details: { stepId: step.id, step: step.text, done: change.done, comment: row.comment } },
      tx,
    );
    await recordAudit({ actor, action: "alert.checklist", targetType: "alert", targetId: alert.id, details: { stepId: step.id, done: change.done }, ip: ctx.ip }, tx);
    return { item: serializeChecklistItem(step, row), checklist: { done, total: steps.length } };
  });
}
