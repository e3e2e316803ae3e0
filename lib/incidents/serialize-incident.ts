import { triageState } from "../alerts/serialize-alert";
import type { IncidentRow } from "../db/queries/incidents";
import type { IncidentSummaryJson } from "./types";

/** A stored incident row → its API shape; `openAlertCount` is counted when read (alerts are triaged one by one too). */
export function serializeIncident(r: IncidentRow, openAlertCount = r.open_alert_count): IncidentSummaryJson {
  return {
    id: r.id,
    number: r.number,
    title: r.title,
    ...triageState(r.status, r.closing_reason, r.assignee),
    priority: r.priority,
    severity: r.severity,
    riskScore: r.risk_score,
    critical: r.critical,
    alertCount: r.alert_count,
    openAlertCount,
    hostCount: r.host_count,
    hosts: r.hosts ?? [],
    patientZero: r.patient_zero ?? null,
    firstAlertAt: r.first_alert_at.toISOString(),
    lastAlertAt: r.last_alert_at.toISOString(),
    lastActivityAt: r.last_activity_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    updatedAt: r.updated_at.toISOString(),
    mergedInto: r.merged_into,
  };
}
