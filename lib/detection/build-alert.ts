import crypto from "node:crypto";
import type { AlertEventRef, AlertStage, StageFields } from "../alerts/types";
import type { NewAlertRow } from "../db/queries/detection-alerts";
import type { Rule } from "../rules";
import { activityIdentity, datasetOf } from "./activity-identity";

/**
 * Turns a matched sequence into an alert row (pure). The id is deterministic: the sha256 of the
 * rule id and the ordered event store ids, so evaluating the same events again can never make a
 * second alert.
 */
export interface MatchedEvent {
  seq: number;
  ts: Date;
  doc: Record<string, unknown>;
  enrichments: { field: string; value: unknown; reason: string }[];
}

export function alertId(ruleId: string, seqs: number[]): string {
  return crypto.createHash("sha256").update(`${ruleId}:${seqs.join(",")}`).digest("hex").slice(0, 32);
}

function get(doc: Record<string, unknown>, path: string): unknown {
  if (path in doc) return doc[path];
  let cur: unknown = doc;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

function str(doc: Record<string, unknown>, path: string): string | undefined {
  const v = get(doc, path);
  const one = Array.isArray(v) ? v[0] : v;
  return one === undefined || one === null ? undefined : String(one);
}

function num(doc: Record<string, unknown>, path: string): number | undefined {
  const v = str(doc, path);
  return v !== undefined && v !== "" && Number.isFinite(Number(v)) ? Number(v) : undefined;
}

export function stageFields(doc: Record<string, unknown>): StageFields {
  const f: StageFields = {
    hostName: str(doc, "host.name"),
    sourceIp: str(doc, "source.ip"),
    sourcePort: num(doc, "source.port"),
    destinationIp: str(doc, "destination.ip"),
    destinationPort: num(doc, "destination.port"),
    direction: str(doc, "network.direction"),
    protocol: str(doc, "network.protocol"),
    processPid: num(doc, "process.pid"),
    processName: str(doc, "process.name"),
    processExecutable: str(doc, "process.executable"),
    processEntityId: str(doc, "process.entity_id"),
    commandLine: str(doc, "process.command_line"),
    parentName: str(doc, "process.parent.name"),
    parentExecutable: str(doc, "process.parent.executable"),
    parentPid: num(doc, "process.parent.pid"),
    parentEntityId: str(doc, "process.parent.entity_id"),
    parentCommandLine: str(doc, "process.parent.command_line"),
    userName: str(doc, "user.name"),
    userDomain: str(doc, "user.domain"),
  };
  for (const k of Object.keys(f) as (keyof StageFields)[]) if (f[k] === undefined) delete f[k];
  return f;
}

function categories(doc: Record<string, unknown>): string[] {
  const v = get(doc, "event.category");
  return Array.isArray(v) ? v.map(String) : v === undefined || v === null ? [] : [String(v)];
}

/** The sentence that explains the alert, from the fields of each stage. */
export function reasonSentence(rule: Pick<Rule, "name">, stages: AlertStage[]): string {
  const first = stages[0];
  const last = stages[stages.length - 1];
  const host = last.fields.hostName ?? (get(last.doc, "host.id") as string | undefined) ?? "an unknown host";
  const seconds = ((Date.parse(last.event.timestamp) - Date.parse(first.event.timestamp)) / 1000).toFixed(1);
  const src = stages.find((s) => s.fields.sourceIp)?.fields;
  if (last.fields.processName && src?.sourceIp) {
    const parent = last.fields.parentName ?? "a process";
    const port = src.destinationPort;
    const kind = port === 5985 || port === 5986 ? "an inbound WinRM connection" : `an inbound connection to port ${port ?? "?"}`;
    return `${parent} started ${last.fields.processName} on ${host} ${seconds} s after ${kind} from ${src.sourceIp}`;
  }
  return `${rule.name}: ${stages.length} events on ${host} within ${seconds} s`;
}

export function buildAlert(rule: Rule, events: MatchedEvent[]): NewAlertRow {
  const stages: AlertStage[] = events.map((e, i) => {
    const ref: AlertEventRef = {
      id: e.seq,
      eventId: str(e.doc, "event.id") ?? null,
      timestamp: e.ts.toISOString(),
      category: categories(e.doc),
    };
    const stage = rule.compiled.kind === "sequence" ? rule.compiled.stages[i] : undefined;
    return { stage: i, category: stage?.category ?? null, event: ref, fields: stageFields(e.doc), enrichments: e.enrichments, doc: e.doc };
  });
  const merged: StageFields = Object.assign({}, ...stages.map((s) => s.fields));
  const last = stages[stages.length - 1].fields;
  const src = stages.find((s) => s.fields.sourceIp)?.fields;
  const hostId = String(get(events[0].doc, "host.id") ?? "");
  return {
    id: alertId(rule.ruleId, events.map((e) => e.seq)),
    ruleId: rule.ruleId,
    ruleName: rule.name,
    ruleVersion: rule.version,
    severity: rule.severity,
    riskScore: rule.riskScore,
    reason: reasonSentence(rule, stages),
    hostId,
    hostName: last.hostName ?? merged.hostName ?? null,
    sourceIp: src?.sourceIp ?? null,
    sourcePort: src?.sourcePort ?? null,
    userName: last.userName ?? merged.userName ?? null,
    processName: last.processName ?? null,
    processExecutable: last.processExecutable ?? null,
    parentName: last.parentName ?? null,
    commandLine: last.commandLine ?? null,
    firstEventAt: events[0].ts,
    lastEventAt: events[events.length - 1].ts,
    events: stages.map((s) => s.event),
    stages,
    threat: rule.threat,
    checklistTotal: rule.guide.investigationSteps.length,
    dataset: datasetOf(stages),
    identity: activityIdentity(hostId, stages),
  };
}

export type NewAlert = NewAlertRow;
