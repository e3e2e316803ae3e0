import { pathTarget } from "../validation/common";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import {
  closeIncidentAlerts,
  incidentById,
  insertAlertActivities,
  insertIncidentActivity,
  lockGrouping,
  updateIncidentFields,
} from "../db/queries/incidents";
import { inSqlTransaction } from "../db/queries/sql";
import { AppError, notFound } from "../http/errors";
import { movementOptions } from "../movement/options";
import { announceIncidentChange } from "../notify/enqueue-incidents";
import { incidentUpdateSchema } from "../validation/movement";
import { refreshIncidents } from "./group-alerts";
import { serializeIncident } from "./serialize-incident";
import type { ServiceContext } from "../service-context";
import type { IncidentSummaryJson } from "./types";

/**
 * `PATCH /api/v1/incidents/:id`: rename (the title then stays the analyst's), assign, note, change
 * status. Closing needs a reason and closes every alert of the incident not closed yet with it,
 * each alert's activity saying so; reopening reopens the incident only. One transaction, audited.
 */
export async function updateIncident(input: unknown, ctx: ServiceContext): Promise<IncidentSummaryJson> {
  const by = requirePermission(ctx.actor, "triage");
  const { id, body } = pathTarget.parse(input);
  const u = incidentUpdateSchema.parse(body);
  const actor = by.label;
  return inSqlTransaction(ctx.tx, async (tx, sql) => {
    await lockGrouping(sql);
    const before = await incidentById(sql, id, true);
    if (!before) throw notFound("Incident");
    if (before.merged_into) throw new AppError("conflict", `This incident was merged into ${before.merged_into}; change that one`);
    const activity: Parameters<typeof insertIncidentActivity>[1] = [];
    const fields: Parameters<typeof updateIncidentFields>[2] = {};
    if (u.title !== undefined && u.title !== before.title) {
      fields.title = u.title;
      activity.push({ incidentId: before.id, actor, kind: "rename", details: { from: before.title, to: u.title } });
    }
    if (u.assignee !== undefined && u.assignee !== before.assignee) {
      fields.assignee = u.assignee;
      activity.push({ incidentId: before.id, actor, kind: "assign", details: { from: before.assignee, to: u.assignee } });
    }
    let closed: { id: string; from: string }[] = [];
    if (u.status !== undefined && (u.status !== before.status || (u.status === "closed" && u.closingReason !== before.closing_reason))) {
      fields.status = u.status;
      fields.closingReason = u.status === "closed" ? u.closingReason! : null;
      if (u.status === "closed") {
        closed = await closeIncidentAlerts(sql, before.id, u.closingReason!);
        await insertAlertActivities(
          sql,
          closed.map((a) => ({
            alertId: a.id, actor, kind: "status",
            details: { from: a.from, to: "closed", closingReason: u.closingReason!, incidentId: before.id, via: "incident" },
          })),
        );
      }
      activity.push({
        incidentId: before.id, actor, kind: "status",
        details: { from: before.status, to: u.status, closingReason: fields.closingReason, alertsClosed: closed.length },
      });
    }
    if (u.note !== undefined) activity.push({ incidentId: before.id, actor, kind: "note", details: { body: u.note } });
    if (Object.keys(fields).length || u.note !== undefined) await updateIncidentFields(sql, before.id, fields);
    await insertIncidentActivity(sql, activity);
    if (closed.length) await refreshIncidents(sql, [before.id], movementOptions().windowMs);
    await recordAudit(
      {
        actor: by, action: "incident.update", targetType: "incident", targetId: before.id, ip: ctx.ip ?? null,
        details: { ...u, alertsClosed: closed.length, from: { status: before.status, assignee: before.assignee, title: before.title } },
      },
      tx,
    );
    if (activity.length) await announceIncidentChange(sql, before.id, { type: "updated", summary: changeSummary(activity, actor) });
    return serializeIncident((await incidentById(sql, before.id))!);
  });
}

/** "closed as true_positive (3 alerts closed), assigned to bob, renamed, note added, by alice". */
function changeSummary(activity: { kind: string; details: Record<string, unknown> }[], actor: string): string {
  const parts = activity.map((a) => {
    const d = a.details;
    if (a.kind === "status") return d.to === "closed" ? `closed as ${d.closingReason}${d.alertsClosed ? ` (${d.alertsClosed} alerts closed)` : ""}` : `status ${d.from} → ${d.to}`;
    if (a.kind === "assign") return d.to ? `assigned to ${d.to}` : "unassigned";
    if (a.kind === "rename") return `renamed to ${d.to}`;
    return "note added";
  });
  return `${parts.join(", ")}, by ${actor}`;
}
