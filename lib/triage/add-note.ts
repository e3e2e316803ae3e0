import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { insertActivity } from "../db/queries/alert-activity";
import { getAlert } from "../db/queries/alerts";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { noteSchema } from "../validation/alerts";
import { serializeActivity, type ActivityJson } from "./serialize-activity";

const target = z.object({ alertId: z.string().max(200), note: z.unknown() });

/** POST /api/v1/alerts/:id/notes — `{ alertId, note }`, the note being the request body `{ body }`. */
export async function addNote(input: unknown, ctx: ServiceContext): Promise<ActivityJson> {
  const actor = requirePermission(ctx.actor, "triage");
  const { alertId } = target.parse(input);
  const { body } = noteSchema.parse((input as { note: unknown }).note);
  return inTransaction(ctx.tx, async (tx) => {
    if (!(await getAlert(alertId, tx))) throw notFound("Alert");
    const row = await insertActivity({ alertId, actor: actor.label, kind: "note", details: { body } }, tx);
    await recordAudit({ actor, action: "alert.note", targetType: "alert", targetId: alertId, details: { length: body.length }, ip: ctx.ip }, tx);
    return serializeActivity(row);
  });
}
