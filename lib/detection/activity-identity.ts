import crypto from "node:crypto";
import ipaddr from "ipaddr.js";
import type { AlertStage } from "../alerts/types";
import type { ActivityIdentity } from "../db/queries/detection-alerts";

/**
 * One alert per activity (README.md, "One alert per activity"): what identifies the activity a
 * sequence describes, and when two identities are the same activity. Pure.
 */

/** Two process starts of one process seen by two sources are at most this far apart. */
export const START_TOLERANCE_MS = 1000;
/** When a source's time is its collector's (the record had no event time), the shipping delay counts too. */
export const COLLECTOR_TIME_TOLERANCE_MS = 5000;

function isProcessStage(s: AlertStage): boolean {
  return s.category === "process" || s.event.category.includes("process");
}

/**
 * The identity of a sequence's activity: its host, the connection (the first stage with a source
 * address and port) and the child process (the last process stage with an entity id, a pid, or a
 * parent pid and executable). null when any part is missing: such an alert is never merged.
 */
export function activityIdentity(hostId: string, stages: AlertStage[]): ActivityIdentity | null {
  const conn = stages.find((s) => s.fields.sourceIp !== undefined && s.fields.sourcePort !== undefined);
  const child = [...stages]
    .reverse()
    .find((s) => isProcessStage(s) && (s.fields.processEntityId || s.fields.processPid !== undefined || (s.fields.parentPid !== undefined && s.fields.processExecutable)));
  if (!hostId || !conn || !child || !ipaddr.isValid(conn.fields.sourceIp!)) return null;
  const f = child.fields;
  const startedAt = new Date(child.event.timestamp);
  if (Number.isNaN(startedAt.getTime())) return null;
  return {
    hostId,
    sourceIp: ipaddr.process(conn.fields.sourceIp!).toString(),
    sourcePort: conn.fields.sourcePort!,
    processEntityId: f.processEntityId ?? null,
    processPid: f.processPid ?? null,
    parentPid: f.parentPid ?? null,
    processExecutable: f.processExecutable?.toLowerCase() ?? null,
    commandLineSha256: f.commandLine === undefined ? null : crypto.createHash("sha256").update(f.commandLine).digest("hex"),
    processStartedAt: startedAt,
    collectorTime: child.enrichments.some((e) => e.field === "@timestamp"),
  };
}

/**
 * The same activity: the same host and connection, and the same child process, which is
 *   1. the same `process.entity_id` when both have one, else
 *   2. the same `process.pid` when both have one, started within a second, else (one source lacks
 *      the pid, as exports that drop it do)
 *   3. the same parent pid, executable and command line, started within a second;
 * "within a second" becomes 5 s when either source's time is its collector's.
 */
export function sameActivity(a: ActivityIdentity, b: ActivityIdentity): boolean {
  if (a.hostId !== b.hostId || a.sourceIp !== b.sourceIp || a.sourcePort !== b.sourcePort) return false;
  if (a.processEntityId && b.processEntityId && a.processEntityId === b.processEntityId) return true;
  const tolerance = a.collectorTime || b.collectorTime ? COLLECTOR_TIME_TOLERANCE_MS : START_TOLERANCE_MS;
  const close = Math.abs(a.processStartedAt.getTime() - b.processStartedAt.getTime()) <= tolerance;
  if (a.processPid !== null && b.processPid !== null) return a.processPid === b.processPid && close;
  return (
    close &&
    a.parentPid !== null && a.parentPid === b.parentPid &&
    a.processExecutable !== null && a.processExecutable === b.processExecutable &&
    a.commandLineSha256 === b.commandLineSha256
  );
}

/** Where a sequence's events came from: the child's `event.dataset`, else its Windows channel. */
export function datasetOf(stages: AlertStage[]): string | null {
  for (const s of [...stages].reverse()) {
    const ev = s.doc.event as { dataset?: unknown } | undefined;
    const dataset = s.doc["event.dataset"] ?? ev?.dataset;
    if (typeof dataset === "string") return dataset;
    const channel = (s.doc.winlog as { channel?: unknown } | undefined)?.channel;
    if (typeof channel === "string") return channel;
  }
  return null;
}
