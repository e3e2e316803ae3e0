import ipaddr from "ipaddr.js";
import { db } from "../db/client";
import { listIpAlerts, listIpWinrmConnections } from "../db/queries/source-ip-activity";
import { AppError, notFound } from "../http/errors";
import { bucketSizeMs, DAY_MS, type TimeWindow } from "./time-window";

export interface IpHostSummary {
  hostId: string;
  hostName: string | null;
  connections: number;
  alerts: number;
  firstSeen: string;
  lastSeen: string;
}

export interface IpActivityJson {
  ip: string;
  window: { from: string; to: string };
  bucketMs: number;
  firstSeen: string | null;
  lastSeen: string | null;
  hosts: IpHostSummary[];
  /** Per host and bucket start (ISO): counts. */
  buckets: { hostId: string; start: string; connections: number; alerts: number }[];
  connections: { seq: string; eventId: string | null; timestamp: string; hostId: string; hostName: string | null; destinationIp: string | null; destinationPort: number | null; sourcePort: number | null }[];
  alerts: { id: string; ruleId: string; ruleName: string; severity: string; status: string; hostId: string; hostName: string | null; timestamp: string }[];
  truncated: boolean;
}

/** A valid IPv4/IPv6 address in canonical form (IPv4-mapped IPv6 becomes IPv4), else 422. */
export function canonicalIp(raw: string): string {
  const value = raw.trim();
  if (!ipaddr.isValid(value)) throw new AppError("validation_failed", `Not an IP address: ${value.slice(0, 64)}`);
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/**
 * Where one source IP went: its WinRM connections and alerts across all hosts in the window,
 * bucketed per host over time, with first/last seen and the hosts it touched.
 */
export async function getSourceIpActivity(rawIp: string, window: TimeWindow): Promise<IpActivityJson> {
  const ip = canonicalIp(rawIp);
  const [{ connections, truncated }, alerts] = await Promise.all([
    listIpWinrmConnections(ip, window.from, window.to),
    listIpAlerts(ip, window.from, window.to),
  ]);
  const bucketMs = bucketSizeMs(window);
  const base = window.from.getTime();
  const bucketOf = (t: Date) => new Date(base + Math.floor((t.getTime() - base) / bucketMs) * bucketMs).toISOString();

  const hosts = new Map<string, IpHostSummary>();
  const buckets = new Map<string, { hostId: string; start: string; connections: number; alerts: number }>();
  const touch = (hostId: string, hostName: string | null, at: Date, kind: "connections" | "alerts") => {
    const iso = at.toISOString();
    const h = hosts.get(hostId) ?? { hostId, hostName, connections: 0, alerts: 0, firstSeen: iso, lastSeen: iso };
    h.hostName ??= hostName;
    h[kind]++;
    if (iso < h.firstSeen) h.firstSeen = iso;
    if (iso > h.lastSeen) h.lastSeen = iso;
    hosts.set(hostId, h);
    const start = bucketOf(at);
    const bk = `${hostId}\u0000${start}`;
    const b = buckets.get(bk) ?? { hostId, start, connections: 0, alerts: 0 };
    b[kind]++;
    buckets.set(bk, b);
  };
  for (const c of connections) touch(c.hostId ?? "(unknown)", c.hostName, c.ts, "connections");
  for (const a of alerts) touch(a.hostId, a.hostName, a.firstEventAt, "alerts");

  const hostList = [...hosts.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.hostId.localeCompare(b.hostId));
  const firstSeen = hostList.length ? hostList.reduce((m, h) => (h.firstSeen < m ? h.firstSeen : m), hostList[0].firstSeen) : null;
  const lastSeen = hostList.length ? hostList.reduce((m, h) => (h.lastSeen > m ? h.lastSeen : m), hostList[0].lastSeen) : null;
  return {
    ip,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    bucketMs,
    firstSeen,
    lastSeen,
    hosts: hostList,
    buckets: [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start) || a.hostId.localeCompare(b.hostId)),
    connections: connections.map((c) => ({
      seq: c.seq,
      eventId: c.eventId,
      timestamp: c.ts.toISOString(),
      hostId: c.hostId ?? "(unknown)",
      hostName: c.hostName,
      destinationIp: c.destinationIp,
      destinationPort: c.destinationPort,
      sourcePort: c.sourcePort,
    })),
    alerts: alerts.map((a) => ({ id: a.id, ruleId: a.ruleId, ruleName: a.ruleName, severity: a.severity, status: a.status, hostId: a.hostId, hostName: a.hostName, timestamp: a.firstEventAt.toISOString() })),
    truncated,
  };
}

/** The activity of an alert's source IP, ±24 h around the alert. */
export async function getAlertIpActivity(alertId: string): Promise<IpActivityJson & { alertId: string }> {
  const alert = await db().alert.findUnique({ where: { id: alertId }, select: { sourceIp: true, lastEventAt: true } });
  if (!alert) throw notFound("Alert");
  if (!alert.sourceIp) throw new AppError("not_found", "This alert has no source IP");
  const at = alert.lastEventAt.getTime();
  const activity = await getSourceIpActivity(alert.sourceIp, { from: new Date(at - DAY_MS), to: new Date(at + DAY_MS) });
  return { ...activity, alertId };
}
