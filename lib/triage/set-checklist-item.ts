import { requirePermission, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { insertActivity } from "../db/queries/alert-activity";
import { countDoneSteps, upsertChecklistItem } from "../db/queries/alert-checklist";
import { lockAlert, updateAlert } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import { checklistSteps } from "./rule-pack";
import { serializeChecklistItem, type ChecklistItemJson } from "./checklist-json";

export interface SetChecklistItemInput {
  alertId: string;
  stepId: string;
  done: boolean;
  comment?: string | null;
}

/**
 * Ticks or unticks one investigation step of an alert, with who and when, and keeps
 * `alerts.checklist_done` / `checklist_total` in step in the same transaction.
 */
export async function setChecklistItem(
  input: SetChecklistItemInput,
  actor: Actor,
): Promise<{ item: ChecklistItemJson; checklist: { done: number; total: number } }> {
  requirePermission(actor, "triage");
  return db().$transaction(async (tx) => {
    const alert = await lockAlert(input.alertId, tx);
    if (!alert) throw notFound("Alert");
    const steps = await checklistSteps(alert.ruleId);
    const step = steps.find((s) => s.id === input.stepId);
    if (!step) throw notFound("Checklist step");
    const now = new Date();
    const row = await upsertChecklistItem(
      alert.id,
      step.id,
      {
        done: input.done,
        doneBy: input.done ? actor.label : null,
        doneAt: input.done ? now : null,
        comment: input.comment === undefined ? undefined : input.comment || null,
      },
      tx,
    );
    const done = await countDoneSteps(alert.id, steps.map((s) => s.id), tx);
    await updateAlert(alert.id, { checklistDone: done, checklistTotal: steps.length }, tx);
    await insertActivity(
      { alertId: alert.id, actor: actor.label, kind: "checklist", details: { stepId: step.id, step: step.text, done: input.done, comment: row.comment } },
      tx,
    );
    await recordAudit({ actor, action: "alert.checklist", targetType: "alert", targetId: alert.id, details: { stepId: step.id, done: input.done } }, tx);
    return { item: serializeChecklistItem(step, row), checklist: { done, total: steps.length } };
  });
}
