import type { AlertJson } from "../alerts/types";

/** Destinations, what they receive, and the messages the worker sends (README: Notifications). */
export const DESTINATION_KINDS = ["webhook", "slack", "teams", "syslog", "email"] as const;
export type DestinationKind = (typeof DESTINATION_KINDS)[number];

export const SEVERITIES = ["low", "medium", "high", "critical"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** An incident as its API gives it; only `id` and `severity` are required here. */
export interface IncidentNotice {
  id: string;
  severity: string;
  title?: string;
  status?: string;
  /** Rules of its alerts: a destination limited to some rules gets incidents with one of them. */
  ruleIds?: string[];
  [key: string]: unknown;
}

/** What happened to the incident: `created` goes to "new incidents", anything else to "incident changes". */
export interface IncidentChange {
  type: string;
  summary?: string;
}

/** An alert as the API gives it (`sourceHost`: the host its source address belonged to, when known). */
export type AlertNotice = AlertJson;

export type NoticeItem =
  | { type: "alert"; alert: AlertNotice }
  | { type: "incident" | "incident_change"; incident: IncidentNotice; change: IncidentChange };

/** One message to one destination: a single item, a digest of several, or a test. `id` is stable across retries. */
export interface Message {
  id: string;
  kind: "single" | "digest" | "test";
  items: NoticeItem[];
  sentAt: string;
  digestMinutes?: number | null;
}

/** What the receiver answered (shown for "Send a test", kept as the last error on failure). */
export interface SendResult {
  ok: boolean;
  /** HTTP status, SMTP reply code; null when nothing was answered (refused, timeout). */
  status: number | null;
  response: string;
  durationMs: number;
}
