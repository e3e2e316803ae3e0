import os from "node:os";
import type { Message, NoticeItem } from "../types";
import { cefHeader, cefValue, sdValue, syslogHeaderField } from "./escape";
import { alertFacts, itemLink } from "./messages";

/**
 * Syslog to a SIEM: one RFC 5424 message per alert (or incident), its MSG an ArcSight CEF:0 event.
 * A digest is still sent as one event per item: a SIEM correlates events, not digests.
 */
const VERSION = "0.1.0";
const CEF_SEVERITY: Record<string, number> = { low: 3, medium: 5, high: 8, critical: 10 };
// RFC 5424 severities: critical → 2 (critical), high → 3 (error), medium → 4 (warning), low → 5 (notice).
const SYSLOG_SEVERITY: Record<string, number> = { critical: 2, high: 3, medium: 4, low: 5 };

export interface SyslogOptions {
  /** RFC 5424 facility number, 0–23 (default 16, local0). */
  facility: number;
  hostname?: string;
  appName?: string;
}

function ext(pairs: [string, string | number | null | undefined][]): string {
  return pairs
    .filter(([, v]) => v !== null && v !== undefined && v !== "")
    .map(([k, v]) => `${k}=${typeof v === "number" ? v : cefValue(v as string)}`)
    .join(" ");
}

/** The CEF event of one item. */
export function cefEvent(item: NoticeItem, messageId: string): string {
  const link = itemLink(item);
  if (item.type === "alert") {
    const a = item.alert;
    const f = alertFacts(a, link);
    const header = ["CEF:0", "Lateral", "Lateral", VERSION, cefHeader(a.ruleId), cefHeader(a.ruleName), String(CEF_SEVERITY[a.severity] ?? 5)].join("|");
    return `${header}|${ext([
      ["rt", Date.parse(a.createdAt)],
      ["externalId", messageId],
      ["cat", "alert"],
      ["src", a.sourceIp],
      ["spt", a.sourcePort],
      ["shost", a.sourceHost?.name ?? null],
      ["dhost", a.host.name ?? a.host.id],
      ["duser", a.user],
      ["dproc", a.process.name],
      ["cs1Label", "alertId"],
      ["cs1", a.id],
      ["cs2Label", "commandLine"],
      ["cs2", a.process.commandLine],
      ["cs3Label", "parentProcess"],
      ["cs3", a.process.parentName],
      ["cn1Label", "riskScore"],
      ["cn1", a.riskScore],
      ["msg", f.reason],
      ["request", link],
    ])}`;
  }
  const i = item.incident;
  const name = item.type === "incident" ? `New incident: ${i.title ?? i.id}` : `Incident ${item.change.type}: ${i.title ?? i.id}`;
  const header = ["CEF:0", "Lateral", "Lateral", VERSION, cefHeader(item.type), cefHeader(name), String(CEF_SEVERITY[i.severity] ?? 5)].join("|");
  return `${header}|${ext([
    ["rt", Date.now()],
    ["externalId", messageId],
    ["cat", item.type],
    ["cs1Label", "incidentId"],
    ["cs1", i.id],
    ["cs2Label", "change"],
    ["cs2", item.change.type],
    ["msg", item.change.summary ?? null],
    ["request", link],
  ])}`;
}

/** The RFC 5424 lines of a message, one per item (no framing; see ../senders/syslog.ts). */
export function syslogLines(m: Message, opts: SyslogOptions): string[] {
  const hostname = syslogHeaderField(opts.hostname ?? os.hostname(), 255);
  const app = syslogHeaderField(opts.appName ?? "lateral", 48);
  return m.items.map((item, n) => {
    const severity = item.type === "alert" ? item.alert.severity : item.incident.severity;
    const pri = opts.facility * 8 + (SYSLOG_SEVERITY[severity] ?? 4);
    // One stable id per event: the message id, and the item's index inside a digest.
    const id = m.items.length > 1 ? `${m.id}:${n}` : m.id;
    const msgId = item.type === "alert" ? "alert" : item.type;
    const sd = `[lateral@32473 id="${sdValue(id)}"${m.kind === "test" ? ' test="true"' : ""}]`;
    return `<${pri}>1 ${m.sentAt} ${hostname} ${app} ${process.pid} ${msgId} ${sd} ${cefEvent(item, id)}`;
  });
}
