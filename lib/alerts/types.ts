import type { AddressInfoJson, AlertMovementJson } from "../movement/types";

/**
 * The shape of alerts: what the detection worker stores (`alerts.events`, `alerts.stages` jsonb)
 * and what the API answers. `/api/v1/alerts` and the UI use `AlertJson`.
 */
export type AlertStatus = "open" | "acknowledged" | "closed";
export const ALERT_STATUSES: AlertStatus[] = ["open", "acknowledged", "closed"];
export type ClosingReason = "false_positive" | "true_positive" | "benign" | "duplicate" | "allowlisted";
export const CLOSING_REASONS: ClosingReason[] = ["false_positive", "true_positive", "benign", "duplicate", "allowlisted"];

/** One event of the sequence, in order (`alerts.events`). `id` is the event store's `seq`. */
export interface AlertEventRef {
  id: number;
  eventId: string | null;
  timestamp: string;
  category: string[];
}

/** The fields of one stage's event that triage needs (`alerts.stages[i].fields`). */
export interface StageFields {
  hostName?: string;
  sourceIp?: string;
  sourcePort?: number;
  destinationIp?: string;
  destinationPort?: number;
  direction?: string;
  protocol?: string;
  processPid?: number;
  processName?: string;
  processExecutable?: string;
  processEntityId?: string;
  commandLine?: string;
  parentName?: string;
  parentExecutable?: string;
  parentPid?: number;
  parentEntityId?: string;
  parentCommandLine?: string;
  userName?: string;
  userDomain?: string;
}

/** One stage of the sequence (`alerts.stages`): its event's reference, fields and whole document. */
export interface AlertStage {
  stage: number;
  category: string | null;
  event: AlertEventRef;
  fields: StageFields;
  enrichments: { field: string; value: unknown; reason: string }[];
  doc: Record<string, unknown>;
}

/** Also carries `sourceHost`, `sourceAddress`, `incidentId`, `pivot`, `critical`, `priority` (lib/movement/types.ts). */
export interface AlertJson extends AlertMovementJson {
  id: string;
  ruleId: string;
  ruleName: string;
  ruleVersion: number;
  severity: string;
  riskScore: number;
  status: AlertStatus;
  closingReason: ClosingReason | null;
  assignee: string | null;
  reason: string;
  host: { id: string; name: string | null };
  sourceIp: string | null;
  sourcePort: number | null;
  user: string | null;
  process: { name: string | null; executable: string | null; commandLine: string | null; parentName: string | null };
  createdAt: string;
  updatedAt: string;
  acknowledgedAt: string | null;
  closedAt: string | null;
  firstEventAt: string;
  lastEventAt: string;
  allowlistEntryId: string | null;
  checklist: { done: number; total: number };
  events: AlertEventRef[];
}

/**
 * The same activity seen by another telemetry source (lib/detection/README.md, "One alert per
 * activity"): that source's sequence, kept on the alert instead of raising a second one.
 */
export interface AlertCorroboration {
  /** The id the sequence would have had as an alert of its own. */
  id: string;
  /** Where its events came from: `event.dataset`, else the Windows channel. */
  dataset: string | null;
  events: AlertEventRef[];
  stages: AlertStage[];
}

/**
 * `GET /api/v1/alerts/:id` adds each stage (fields, enrichments, document), the MITRE mapping and
 * the other sources' sequences of the same activity.
 */
export interface AlertDetailJson extends AlertJson {
  stages: AlertStage[];
  threat: unknown;
  corroboration: AlertCorroboration[];
  /** How each address of its events reads (source and destination of every stage), at the alert's time. */
  addresses: AddressInfoJson[];
}
