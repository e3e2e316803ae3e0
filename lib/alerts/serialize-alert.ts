import type { Alert } from "../db/generated/client";
import { jsonArray } from "../db/json-columns";
import type { AlertCorroboration, AlertDetailJson, AlertEventRef, AlertJson, AlertStage, AlertStatus, ClosingReason } from "./types";
import { addressInfo } from "../movement/address-info";
import type { AddressInfoJson, AddressOwnerJson } from "../movement/types";

/** Status, closing reason and assignee as stored → as answered: what triage sets on alerts and incidents alike. */
export function triageState(status: string, closingReason: string | null, assignee: string | null): Pick<AlertJson, "status" | "closingReason" | "assignee"> {
  return { status: status as AlertStatus, closingReason: (closingReason as ClosingReason | null) ?? null, assignee };
}

/** A stored alert row (its stages and MITRE mapping are not needed) → its API shape. */
export function serializeAlert(a: Omit<Alert, "stages" | "threat" | "corroboration">): AlertJson {
  return {
    id: a.id,
    ruleId: a.ruleId,
    ruleName: a.ruleName,
    ruleVersion: a.ruleVersion,
    severity: a.severity,
    riskScore: a.riskScore,
    ...triageState(a.status, a.closingReason, a.assignee),
    reason: a.reason,
    host: { id: a.hostId, name: a.hostName },
    sourceIp: a.sourceIp,
    sourcePort: a.sourcePort,
    user: a.userName,
    process: { name: a.processName, executable: a.processExecutable, commandLine: a.commandLine, parentName: a.parentName },
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    acknowledgedAt: a.acknowledgedAt?.toISOString() ?? null,
    closedAt: a.closedAt?.toISOString() ?? null,
    firstEventAt: a.firstEventAt.toISOString(),
    lastEventAt: a.lastEventAt.toISOString(),
    allowlistEntryId: a.allowlistEntryId,
    checklist: { done: a.checklistDone, total: a.checklistTotal },
    events: jsonArray<AlertEventRef>(a.events),
    sourceHost: a.sourceHostId ? { id: a.sourceHostId, name: a.sourceHostName } : null,
    sourceAddress: a.sourceIp ? addressInfo(a.sourceIp, jsonArray<AddressOwnerJson>(a.sourceOwners)) : null,
    incidentId: a.incidentId,
    pivot: a.pivot,
    critical: a.critical,
    priority: a.priority,
  };
}

/** `addresses`: how each address of its events reads at the alert's time (lib/movement/resolve-addresses.ts). */
export function serializeAlertDetail(a: Alert, addresses: AddressInfoJson[] = []): AlertDetailJson {
  return {
    ...serializeAlert(a),
    stages: jsonArray<AlertStage>(a.stages),
    threat: a.threat,
    corroboration: jsonArray<AlertCorroboration>(a.corroboration),
    addresses,
  };
}
