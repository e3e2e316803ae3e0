import crypto from "node:crypto";
import { insertOutboxRows, routableDestinations, type OutboxInsert, type SqlClient } from "../db/queries/notifications";
import type { NewAlert } from "../detection/build-alert";
import { routeMatches } from "./routing";
import type { IncidentChange, IncidentNotice } from "./types";

/**
 * The outbox side of notifications: called inside the transaction that creates the alerts (or the
 * incident), so a message exists exactly when what it announces does. The worker's delivery loop
 * sends them (./deliver.ts).
 */

/** One outbox row per (new alert, destination whose routing accepts it). Alerts are read when sent. */
export async function enqueueAlertNotifications(c: SqlClient, alerts: Pick<NewAlert, "id" | "ruleId" | "severity">[]): Promise<number> {
  if (alerts.length === 0) return 0;
  const destinations = await routableDestinations(c, "alerts");
  if (destinations.length === 0) return 0;
  const rows: OutboxInsert[] = [];
  for (const a of alerts) {
    for (const d of destinations) {
      if (routeMatches(d, { ruleIds: [a.ruleId], severity: a.severity })) {
        rows.push({ id: crypto.randomUUID(), destinationId: d.id, kind: "alert", subjectId: a.id, payload: null });
      }
    }
  }
  await insertOutboxRows(c, rows);
  return rows.length;
}

/**
 * One outbox row per destination that wants this incident event: `change.type === "created"` goes
 * to destinations with "new incidents", any other change to those with "incident changes". The
 * incident is kept as given (its API shape), so the message shows it as it was at that moment.
 */
export async function enqueueIncidentNotifications(c: SqlClient, incident: IncidentNotice, change: IncidentChange): Promise<number> {
  if (!incident?.id || typeof incident.severity !== "string") throw new Error("an incident notification needs the incident's id and severity");
  const created = change.type === "created";
  const destinations = await routableDestinations(c, created ? "incidents" : "incident_changes");
  const rows: OutboxInsert[] = destinations
    .filter((d) => routeMatches(d, { ruleIds: Array.isArray(incident.ruleIds) ? incident.ruleIds.map(String) : [], severity: incident.severity }))
    .map((d) => ({
      id: crypto.randomUUID(),
      destinationId: d.id,
      kind: created ? "incident" : "incident_change",
      subjectId: String(incident.id),
      payload: { incident, change },
    }));
  await insertOutboxRows(c, rows);
  return rows.length;
}
