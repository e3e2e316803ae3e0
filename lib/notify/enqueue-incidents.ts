import { existingIncidentIds, incidentRuleIds, incidentsOfAlerts, routableDestinations, type SqlClient } from "../db/queries/notifications";
import { incidentById } from "../db/queries/incidents";
import { pgSql, type Sql } from "../db/queries/sql";
import { incidentIdFor } from "../incidents/group-alerts";
import { serializeIncident } from "../incidents/serialize-incident";
import type pg from "pg";
import { enqueueIncidentNotifications } from "./enqueue";
import type { IncidentChange } from "./types";

/**
 * The incidents that new alerts create or join, announced in the detection transaction
 * (lib/detection/after-alerts.ts): call before grouping, run what it returns after. An incident
 * that did not exist before is `created`; one that gained alerts is `alerts_added` (with how many).
 * Nothing is read when no destination wants incidents.
 */
export async function prepareIncidentNotifications(c: pg.PoolClient, alertIds: string[]): Promise<(() => Promise<number>) | null> {
  if (!alertIds.length) return null;
  const wanted = (await routableDestinations(c, "incidents")).length + (await routableDestinations(c, "incident_changes")).length;
  if (wanted === 0) return null;
  const possible = alertIds.map(incidentIdFor);
  const before = await existingIncidentIds(c, possible);
  return async () => {
    let n = 0;
    for (const g of await incidentsOfAlerts(c as SqlClient, alertIds)) {
      const row = await incidentById(pgSql(c), g.incident_id);
      if (!row || row.merged_into) continue;
      const incident = { ...serializeIncident(row), ruleIds: g.rule_ids ?? [] };
      const created = possible.includes(g.incident_id) && !before.has(g.incident_id);
      n += await enqueueIncidentNotifications(
        c,
        incident,
        created ? { type: "created" } : { type: "alerts_added", summary: `${g.added} new alert${g.added === 1 ? "" : "s"} joined the incident` },
      );
    }
    return n;
  };
}

/**
 * An analyst's change to an incident (rename, assign, status, note, merge, split), announced in the
 * transaction of the change to destinations with "incident changes" (`created` for an incident a
 * split made). The incident is read as it is after the change.
 */
export async function announceIncidentChange(sql: Sql, incidentId: string, change: IncidentChange): Promise<number> {
  if (!(await routableDestinations(sql, change.type === "created" ? "incidents" : "incident_changes")).length) return 0;
  const row = await incidentById(sql, incidentId);
  if (!row) return 0;
  return enqueueIncidentNotifications(sql, { ...serializeIncident(row), ruleIds: await incidentRuleIds(sql, incidentId) }, change);
}
