import type pg from "pg";
import type { AlertCorroboration, AlertEventRef, AlertStage } from "../../alerts/types";

/**
 * The detection worker's alert writes, inside the transaction that advances the rule's checkpoint:
 * new alerts, their activity identity, and corroboration of an existing alert by another source.
 */

/** The activity an alert describes (lib/detection/README.md, "One alert per activity"). */
export interface ActivityIdentity {
  hostId: string;
  sourceIp: string;
  sourcePort: number;
  processEntityId: string | null;
  processPid: number | null;
  parentPid: number | null;
  /** Lower-cased. */
  processExecutable: string | null;
  commandLineSha256: string | null;
  processStartedAt: Date;
  /** The child's time is the collector's (the record had no event time of its own). */
  collectorTime: boolean;
}

/** Another telemetry source's sequence of the same activity, kept on the alert it corroborates. */
export type Corroboration = AlertCorroboration;

/** An alert as the worker builds it, before it is stored. */
export interface NewAlertRow {
  id: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  severity: string;
  riskScore: number;
  reason: string;
  hostId: string;
  hostName: string | null;
  sourceIp: string | null;
  sourcePort: number | null;
  userName: string | null;
  processName: string | null;
  processExecutable: string | null;
  parentName: string | null;
  commandLine: string | null;
  firstEventAt: Date;
  lastEventAt: Date;
  events: AlertEventRef[];
  stages: AlertStage[];
  threat: unknown;
  checklistTotal: number;
  /** Where the sequence's events came from. */
  dataset: string | null;
  /** null: the sequence lacks what identifies an activity (a source address and port, a child process). */
  identity: ActivityIdentity | null;
}

const ALERT_COLUMNS = [
  "id", "rule_id", "rule_name", "rule_version", "severity", "risk_score", "reason", "host_id", "host_name",
  "source_ip", "source_port", "user_name", "process_name", "process_executable", "parent_name", "command_line",
  "first_event_at", "last_event_at", "events", "stages", "threat", "checklist_total",
];

/** Inserts an alert (and its identity) unless one with its id exists; true when it was created. */
export async function insertAlert(c: pg.PoolClient, a: NewAlertRow): Promise<boolean> {
  const values = [
    a.id, a.ruleId, a.ruleName, a.ruleVersion, a.severity, a.riskScore, a.reason, a.hostId, a.hostName,
    a.sourceIp, a.sourcePort, a.userName, a.processName, a.processExecutable, a.parentName, a.commandLine,
    a.firstEventAt, a.lastEventAt, JSON.stringify(a.events), JSON.stringify(a.stages), JSON.stringify(a.threat), a.checklistTotal,
  ];
  const { rowCount } = await c.query(
    `INSERT INTO alerts (${ALERT_COLUMNS.join(", ")}) VALUES (${ALERT_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")})
     ON CONFLICT (id) DO NOTHING`,
    values,
  );
  if (rowCount !== 1) return false;
  const i = a.identity;
  if (i) {
    await c.query(
      `INSERT INTO alert_identities (alert_id, rule_id, host_id, source_ip, source_port, process_entity_id, process_pid,
         parent_pid, process_executable, command_line_sha256, process_started_at, collector_time)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING`,
      [a.id, a.ruleId, i.hostId, i.sourceIp, i.sourcePort, i.processEntityId, i.processPid, i.parentPid, i.processExecutable,
        i.commandLineSha256, i.processStartedAt, i.collectorTime],
    );
  }
  return true;
}

/** Whether an alert with this id exists. */
export async function alertExists(c: pg.PoolClient, id: string): Promise<boolean> {
  const { rows } = await c.query<{ found: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM alerts WHERE id = $1) AS found`,
    [id],
  );
  return rows[0]!.found;
}

export interface StoredIdentity extends ActivityIdentity {
  alertId: string;
  corroborationIds: string[];
}

/** The stored identities of one rule's alerts with the same host and connection, oldest activity first. */
export async function identitiesOfConnection(
  c: pg.PoolClient,
  ruleId: string,
  i: Pick<ActivityIdentity, "hostId" | "sourceIp" | "sourcePort">,
): Promise<StoredIdentity[]> {
  const { rows } = await c.query<{
    alert_id: string; host_id: string; source_ip: string; source_port: number; process_entity_id: string | null;
    process_pid: number | null; parent_pid: number | null; process_executable: string | null; command_line_sha256: string | null;
    process_started_at: Date; collector_time: boolean; corroboration_ids: string[] | null;
  }>(
    `SELECT i.*, (SELECT array_agg(x->>'id') FROM jsonb_array_elements(a.corroboration) x) AS corroboration_ids
       FROM alert_identities i JOIN alerts a ON a.id = i.alert_id
      WHERE i.rule_id = $1 AND i.host_id = $2 AND i.source_ip = $3::inet AND i.source_port = $4
      ORDER BY i.process_started_at, i.alert_id`,
    [ruleId, i.hostId, i.sourceIp, i.sourcePort],
  );
  return rows.map((r) => ({
    alertId: r.alert_id, hostId: r.host_id, sourceIp: r.source_ip, sourcePort: r.source_port, processEntityId: r.process_entity_id,
    processPid: r.process_pid, parentPid: r.parent_pid, processExecutable: r.process_executable, commandLineSha256: r.command_line_sha256,
    processStartedAt: r.process_started_at, collectorTime: r.collector_time, corroborationIds: r.corroboration_ids ?? [],
  }));
}

/** Appends another source's sequence to an alert's corroboration. */
export async function addCorroboration(c: pg.PoolClient, alertId: string, entry: Corroboration): Promise<void> {
  await c.query(
    `UPDATE alerts SET corroboration = corroboration || jsonb_build_array($2::jsonb), updated_at = now() WHERE id = $1`,
    [alertId, JSON.stringify(entry)],
  );
}
