import { ALERT_STATUSES, type AlertJson, type AlertStatus, type ClosingReason } from "../alerts/types";
import type { AddressInfoJson, ChainJson, HopEndJson, MovementGraphJson } from "../movement/types";

/**
 * The API contract of incidents: `GET /api/v1/incidents`, `GET/PATCH /api/v1/incidents/:id`,
 * `POST /api/v1/incidents/:id/merge` `{"otherId"}`, `POST /api/v1/incidents/:id/split` `{"alertIds"}`.
 */
/** An incident is triaged like an alert: the same statuses. */
export type IncidentStatus = AlertStatus;
export const INCIDENT_STATUSES: IncidentStatus[] = ALERT_STATUSES;

export const INCIDENT_SORTS = ["priority", "size", "lastActivity", "createdAt"] as const;
export type IncidentSort = (typeof INCIDENT_SORTS)[number];

export interface IncidentSummaryJson {
  id: string;
  /** Short readable number (INC-42 is `42`), in creation order. */
  number: number;
  title: string;
  status: IncidentStatus;
  closingReason: ClosingReason | null;
  assignee: string | null;
  /** The highest priority of its alerts (see AlertMovementJson.priority). */
  priority: number;
  severity: string;
  riskScore: number;
  /** Some target of its alerts is a critical host. */
  critical: boolean;
  alertCount: number;
  openAlertCount: number;
  hostCount: number;
  /** The first hosts reached (targets), at most 10. */
  hosts: { id: string; name: string | null }[];
  patientZero: HopEndJson | null;
  firstAlertAt: string;
  lastAlertAt: string;
  lastActivityAt: string;
  createdAt: string;
  updatedAt: string;
  /** Set when another incident absorbed this one (its page then points there). */
  mergedInto: string | null;
}

/** `GET /api/v1/incidents?status=open|acknowledged|closed|all&sort=&order=&q=&assignee=&hostId=&critical=&limit=&cursor=` */
export interface IncidentListJson {
  incidents: IncidentSummaryJson[];
  nextCursor: string | null;
  counts: Record<IncidentStatus, number>;
}

export interface IncidentActivityJson {
  id: string;
  at: string;
  actor: string | null;
  kind: "created" | "grouped" | "rename" | "assign" | "note" | "status" | "merge" | "split" | "reopened";
  details: Record<string, unknown>;
}

/** One line of the incident's timeline: an alert, or a key event of one (connection, process start). */
export interface IncidentTimelineItemJson {
  at: string;
  kind: "alert" | "connection" | "process";
  alertId: string;
  hostId: string;
  hostName: string | null;
  /** Plain text (render as text): the alert's reason, the connection, the command line. */
  text: string;
}

export interface IncidentHostJson {
  id: string;
  name: string | null;
  /** patient_zero: where it began; pivot: reached and moved on from; target: reached only. */
  role: "patient_zero" | "pivot" | "target";
  alerts: number;
  critical: boolean;
}

export interface IncidentDetailJson extends IncidentSummaryJson {
  /** Its alerts in time order (at most 500; `alertsTruncated` says when it has more). */
  alerts: AlertJson[];
  alertsTruncated: boolean;
  timeline: IncidentTimelineItemJson[];
  hostList: IncidentHostJson[];
  users: string[];
  addresses: AddressInfoJson[];
  /** The chains of its hops, the largest first; `chains[0].patientZero` is the incident's. */
  chains: ChainJson[];
  graph: MovementGraphJson;
  activity: IncidentActivityJson[];
  /** Investigation-guide steps ticked over all its alerts. */
  checklist: { done: number; total: number };
}

/** `PATCH /api/v1/incidents/:id`: any of these; closing needs a reason and closes its alerts with it. */
export interface IncidentUpdateInput {
  title?: string;
  assignee?: string | null;
  status?: IncidentStatus;
  closingReason?: ClosingReason;
  note?: string;
}

/** `POST /api/v1/incidents/:id/split` answers the new incident; `merge` answers the one kept. */
export interface IncidentSplitJson {
  incident: IncidentSummaryJson;
  from: IncidentSummaryJson;
}
