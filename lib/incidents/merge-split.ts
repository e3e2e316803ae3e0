import { pathTarget } from "../validation/common";
import crypto from "node:crypto";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import {
  firstEventOfAlerts,
  incidentAlertIds,
  incidentById,
  insertIncident,
  insertIncidentActivity,
  lockGrouping,
  mergeIncidentRows,
  setAlertsIncident,
} from "../db/queries/incidents";
import { inSqlTransaction } from "../db/queries/sql";
import { AppError, notFound } from "../http/errors";
import { movementOptions } from "../movement/options";
import { announceIncidentChange } from "../notify/enqueue-incidents";
import { incidentMergeSchema, incidentSplitSchema } from "../validation/movement";
import { refreshIncidents } from "./group-alerts";
import { serializeIncident } from "./serialize-incident";
import type { ServiceContext } from "../service-context";
import type { IncidentSplitJson, IncidentSummaryJson } from "./types";

/**
 * An analyst's merge and split. Merge: every alert of the other incident joins this one and the
 * other points here (`mergedInto`); automatic grouping only ever adds and merges, so it never
 * separates them again. Split: the alerts taken out go to a new incident of their own and are
 * pinned there: automatic grouping never moves them back nor links anything through them.
 */
export async function mergeIncidents(input: unknown, ctx: ServiceContext): Promise<IncidentSummaryJson> {
  const actor = requirePermission(ctx.actor, "triage");
  const { id, body } = pathTarget.parse(input);
  const { otherId } = incidentMergeSchema.parse(body);
  if (otherId === id) throw new AppError("validation_failed", "otherId: an incident cannot be merged into itself");
  return inSqlTransaction(ctx.tx, async (tx, sql) => {
    await lockGrouping(sql);
    const keep = await incidentById(sql, id, true);
    if (!keep) throw notFound("Incident");
    const other = await incidentById(sql, otherId, true);
    if (!other) throw new AppError("validation_failed", `otherId: no incident ${otherId.slice(0, 100)}`);
    if (keep.merged_into) throw new AppError("conflict", `This incident was merged into ${keep.merged_into}`);
    if (other.merged_into) throw new AppError("conflict", `Incident ${other.id} was already merged into ${other.merged_into}`);
    const moved = (await incidentAlertIds(sql, other.id)).length;
    await mergeIncidentRows(sql, [other.id], keep.id);
    await insertIncidentActivity(sql, [
      { incidentId: keep.id, actor: actor.label, kind: "merge", details: { absorbed: [other.id], number: other.number, alerts: moved, automatic: false } },
      { incidentId: other.id, actor: actor.label, kind: "merge", details: { into: keep.id, number: keep.number, automatic: false } },
    ]);
    await refreshIncidents(sql, [keep.id], movementOptions().windowMs);
    await announceIncidentChange(sql, keep.id, { type: "merged", summary: `${other.title} (${moved} alerts) merged into it by ${actor.label}` });
    await recordAudit({ actor, action: "incident.merge", targetType: "incident", targetId: keep.id, ip: ctx.ip ?? null, details: { otherId: other.id, alerts: moved } }, tx);
    return serializeIncident((await incidentById(sql, keep.id))!);
  });
}

export async function splitIncident(input: unknown, ctx: ServiceContext): Promise<IncidentSplitJson> {
  const actor = requirePermission(ctx.actor, "triage");
  const { id, body } = pathTarget.parse(input);
  const { alertIds } = incidentSplitSchema.parse(body);
  const ids = [...new Set(alertIds)];
  return inSqlTransaction(ctx.tx, async (tx, sql) => {
    await lockGrouping(sql);
    const from = await incidentById(sql, id, true);
    if (!from) throw notFound("Incident");
    if (from.merged_into) throw new AppError("conflict", `This incident was merged into ${from.merged_into}`);
    const members = new Set((await incidentAlertIds(sql, from.id)).map((r) => r.id));
    const foreign = ids.filter((id) => !members.has(id));
    if (foreign.length) throw new AppError("validation_failed", `alertIds: not alerts of this incident: ${foreign.slice(0, 5).join(", ")}`);
    if (ids.length === members.size) throw new AppError("validation_failed", "alertIds: taking out every alert would leave the incident empty");
    const newId = `inc-${crypto.randomUUID().replace(/-/g, "").slice(0, 20)}`;
    await insertIncident(sql, { id: newId, title: `Split from ${from.title}`.slice(0, 300), firstAlertAt: await firstEventOfAlerts(sql, ids), manual: true });
    await setAlertsIncident(sql, ids, newId, true);
    await insertIncidentActivity(sql, [
      { incidentId: from.id, actor: actor.label, kind: "split", details: { alertIds: ids, to: newId } },
      { incidentId: newId, actor: actor.label, kind: "split", details: { alertIds: ids, from: from.id, number: from.number } },
    ]);
    await refreshIncidents(sql, [from.id, newId], movementOptions().windowMs);
    await announceIncidentChange(sql, from.id, { type: "split", summary: `${ids.length} alerts split out into a new incident by ${actor.label}` });
    await recordAudit({ actor, action: "incident.split", targetType: "incident", targetId: from.id, ip: ctx.ip ?? null, details: { alertIds: ids, to: newId } }, tx);
    return { incident: serializeIncident((await incidentById(sql, newId))!), from: serializeIncident((await incidentById(sql, from.id))!) };
  });
}
