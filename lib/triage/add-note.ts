import { requirePermission, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { insertActivity } from "../db/queries/alert-activity";
import { getAlert } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import { serializeActivity, type ActivityJson } from "./serialize-activity";

/** Adds a note to an alert's activity timeline. */
export async function addNote(input: { alertId: string; body: string }, actor: Actor): Promise<ActivityJson> {
  requirePermission(actor, "triage");
  return db().$transaction(async (tx) => {
    if (!(await getAlert(input.alertId, tx))) throw notFound("Alert");
    const row = await insertActivity({ alertId: input.alertId, actor: actor.label, kind: "note", details: { body: input.body } }, tx);
    await recordAudit({ actor, action: "alert.note", targetType: "alert", targetId: input.alertId, details: { length: input.body.length } }, tx);
    return serializeActivity(row);
  });
}
