import crypto from "node:crypto";
import { recordAudit } from "../audit/record-audit";
import { findDestinationRow } from "../db/queries/notifications";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { beginAdmin, isUuid } from "./context";
import { loadDestination } from "./load-destination";
import { sendMessages } from "./senders";
import type { AlertNotice, Message, SendResult } from "./types";

/**
 * "Send a test": a sample alert, marked as a test, sent at once (not through the outbox) with the
 * receiver's answer returned: HTTP status and body, the SMTP reply, or the syslog connection's outcome.
 */
export async function testDestination(id: string, ctx: ServiceContext): Promise<SendResult & { messageId: string }> {
  const { actor, now } = beginAdmin(ctx);
  const row = isUuid(id) ? await findDestinationRow(id) : null;
  if (!row) throw notFound("Notification destination");
  const messageId = crypto.randomUUID();
  const message: Message = { id: messageId, kind: "test", sentAt: now.toISOString(), items: [{ type: "alert", alert: sampleAlert(now) }] };
  let result: SendResult;
  try {
    [result] = await sendMessages(loadDestination(row), [message]);
  } catch (err) {
    result = { ok: false, status: null, response: (err as Error).message, durationMs: 0 };
  }
  await recordAudit({
    actor,
    action: "notification.destination.test",
    targetType: "notification_destination",
    targetId: id,
    details: { name: row.name, kind: row.kind, ok: result.ok, status: result.status },
    ip: ctx.ip,
    ok: result.ok,
  });
  return { ...result, messageId };
}

export function sampleAlert(now: Date): AlertNotice {
  const at = now.toISOString();
  return {
    id: "00000000000000000000000000000000",
    ruleId: "2772264c-6fb9-4d9d-9014-b416eed21254",
    ruleName: "Incoming Execution via PowerShell Remoting (test)",
    ruleVersion: 1,
    severity: "medium",
    riskScore: 47,
    status: "open",
    closingReason: null,
    assignee: null,
    reason: "wsmprovhost.exe started powershell.exe on TEST-HOST 1.2 s after an inbound WinRM connection from 192.0.2.10",
    host: { id: "test-host", name: "TEST-HOST" },
    sourceIp: "192.0.2.10",
    sourcePort: 49152,
    sourceHost: { id: "test-source", name: "TEST-SOURCE" },
    sourceAddress: { ip: "192.0.2.10", kind: "host", public: false, owners: [{ hostId: "test-source", hostName: "TEST-SOURCE", firstSeen: at, lastSeen: at }] },
    incidentId: null,
    pivot: false,
    critical: false,
    priority: 47,
    user: "EXAMPLE\\analyst",
    process: { name: "powershell.exe", executable: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", commandLine: "powershell.exe -NoProfile -Command Get-Date", parentName: "wsmprovhost.exe" },
    createdAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    closedAt: null,
    firstEventAt: at,
    lastEventAt: at,
    allowlistEntryId: null,
    checklist: { done: 0, total: 0 },
    events: [],
  };
}
