import ipaddr from "ipaddr.js";
import { getAlertSourceIp } from "../db/queries/alerts";
import { pool } from "../db/client";
import { ownersOf } from "../db/queries/movement";
import { pgSql } from "../db/queries/sql";
import { ownersInWindow } from "../movement/ownership";
import type { AddressOwnerJson } from "../movement/types";
import {
  countIpBuckets,
  listIpAlerts,
  listIpWinrmConnections,
  summarizeIpHosts,
  type IpActivityKind,
  type IpHostRow,
} from "../db/queries/source-ip-activity";
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
  /** The hosts that held this address in the window (time-bounded: addresses move), earliest first. */
  owners: AddressOwnerJson[];
  window: { from: string; to: string };
  bucketMs: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Every host touched, WinRM connection and alert of the window, listed or not. */
  totals: { hosts: number; connections: number; alerts: number };
  hosts: IpHostSummary[];
  /** Per host and bucket start (ISO): counts. */
  buckets: { hostId: string; start: string; connections: number; alerts: number }[];
  connections: { seq: string; eventId: string | null; timestamp: string; hostId: string; hostName: string | null; destinationIp: string | null; destinationPort: number | null; sourcePort: number | null }[];
  alerts: { id: string; ruleId: string; ruleName: string; severity: string; status: string; hostId: string; hostName: string | null; timestamp: string }[];
  /** More connections than the list holds (the first IP_CONNECTION_POINTS are listed). */
  truncated: boolean;
  /** More alerts than the list holds (the first IP_ALERT_POINTS are listed). */
  alertsTruncated: boolean;
  /** More hosts than the list holds (the first IP_HOSTS by first seen are listed, with their buckets). */
  hostsTruncated: boolean;
}

/** A valid IPv4/IPv6 address in canonical form (IPv4-mapped IPv6 becomes IPv4), else 422. */
export function canonicalIp(raw: string): string {
  const value = raw.trim();
  if (value.includes("%")) throw new AppError("validation_failed", `A zone index (%…) is not part of a stored address: ${value.slice(0, 64)}`);
  if (!ipaddr.isValid(value)) throw new AppError("validation_failed", `Not an IP address: ${value.slice(0, 64)}`);
  const parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) return (parsed as ipaddr.IPv6).toIPv4Address().toString();
  return parsed.toString();
}

/** At most this many single connections and alerts (the chart's points) and hosts (its lanes). */
export const IP_CONNECTION_POINTS = 500;
export const IP_ALERT_POINTS = 500;
export const IP_HOSTS = 200;

/**
 * Where one source IP went: its WinRM connections and alerts across all hosts in the window, with
 * first/last seen and the hosts it touched. Totals, first/last seen and each listed host's counts
 * cover the whole window. Lists are bounded, each with its flag: the first IP_HOSTS hosts by first
 * seen (with their time buckets), the first connections and alerts in time order.
 */
export async function getSourceIpActivity(rawIp: string, window: TimeWindow): Promise<IpActivityJson> {
  const ip = canonicalIp(rawIp);
  const { from, to } = window;
  const bucketMs = bucketSizeMs(window);
  const [connectionList, alertList, connectionHosts, alertHosts] = await Promise.all([
    listIpWinrmConnections(ip, from, to, IP_CONNECTION_POINTS),
    listIpAlerts(ip, from, to, IP_ALERT_POINTS),
    summarizeIpHosts("connections", ip, from, to),
    summarizeIpHosts("alerts", ip, from, to),
  ]);

  const hosts = new Map<string, IpHostSummary>();
  const add = (rows: IpHostRow[], kind: IpActivityKind) => {
    for (const r of rows) {
      const first = r.first.toISOString();
      const last = r.last.toISOString();
      const h = hosts.get(r.hostId) ?? { hostId: r.hostId, hostName: r.hostName, connections: 0, alerts: 0, firstSeen: first, lastSeen: last };
      h.hostName ??= r.hostName;
      h[kind] += r.count;
      if (first < h.firstSeen) h.firstSeen = first;
      if (last > h.lastSeen) h.lastSeen = last;
      hosts.set(r.hostId, h);
    }
  };
  add(connectionHosts, "connections");
  add(alertHosts, "alerts");
  const allHosts = [...hosts.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.hostId.localeCompare(b.hostId));
  const hostList = allHosts.slice(0, IP_HOSTS);
  const listed = hostList.map((h) => h.hostId);

  const [connectionBuckets, alertBuckets] = listed.length
    ? await Promise.all([countIpBuckets("connections", ip, from, to, bucketMs, listed), countIpBuckets("alerts", ip, from, to, bucketMs, listed)])
    : [[], []];
  const base = from.getTime();
  const buckets = new Map<string, { hostId: string; start: string; connections: number; alerts: number }>();
  for (const [rows, kind] of [[connectionBuckets, "connections"], [alertBuckets, "alerts"]] as const) {
    for (const r of rows) {
      const start = new Date(base + r.bucket * bucketMs).toISOString();
      const key = `${r.hostId}\u0000${start}`;
      const b = buckets.get(key) ?? { hostId: r.hostId, start, connections: 0, alerts: 0 };
      b[kind] += r.count;
      buckets.set(key, b);
    }
  }

  const owners: AddressOwnerJson[] = ownersInWindow(await ownersOf(pgSql(pool()), [ip], from, to), ip, from.getTime(), to.getTime());
  const firstSeen = allHosts.length ? allHosts.reduce((m, h) => (h.firstSeen < m ? h.firstSeen : m), allHosts[0].firstSeen) : null;
  const lastSeen = allHosts.length ? allHosts.reduce((m, h) => (h.lastSeen > m ? h.lastSeen : m), allHosts[0].lastSeen) : null;
  const sum = (kind: IpActivityKind) => allHosts.reduce((n, h) => n + h[kind], 0);
  return {
    ip,
    owners,
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    bucketMs,
    firstSeen,
    lastSeen,
    totals: { hosts: allHosts.length, connections: sum("connections"), alerts: sum("alerts") },
    hosts: hostList,
    buckets: [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start) || a.hostId.localeCompare(b.hostId)),
    connections: connectionList.connections.map((c) => ({
      seq: c.seq,
      eventId: c.eventId,
      timestamp: c.ts.toISOString(),
      hostId: c.hostId ?? "(unknown)",
      hostName: c.hostName,
      destinationIp: c.destinationIp,
      destinationPort: c.destinationPort,
      sourcePort: c.sourcePort,
    })),
    alerts: alertList.alerts.map((a) => ({ id: a.id, ruleId: a.ruleId, ruleName: a.ruleName, severity: a.severity, status: a.status, hostId: a.hostId, hostName: a.hostName, timestamp: a.firstEventAt.toISOString() })),
    truncated: connectionList.truncated,
    alertsTruncated: alertList.truncated,
    hostsTruncated: allHosts.length > hostList.length,
  };
}

/** The activity of an alert's source IP, ±24 h around the alert. */
export async function getAlertIpActivity(alertId: string): Promise<IpActivityJson & { alertId: string }> {
  const alert = await getAlertSourceIp(alertId);
  if (!alert) throw notFound("Alert");
  if (!alert.sourceIp) throw new AppError("not_found", "This alert has no source IP");
  const at = alert.lastEventAt.getTime();
  const activity = await getSourceIpActivity(alert.sourceIp, { from: new Date(at - DAY_MS), to: new Date(at + DAY_MS) });
  return { ...activity, alertId };
}
