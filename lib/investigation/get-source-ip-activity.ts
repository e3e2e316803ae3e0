import ipaddr from "ipaddr.js";
import { getAlertSourceIp } from "../db/queries/alerts";
import { ownersOf } from "../db/queries/movement";
import { readSql } from "../db/queries/sql";
import { ownersInWindow } from "../movement/ownership";
import type { AddressOwnerJson } from "../movement/types";
import {
  countIpAlertBuckets,
  groupIpWinrmConnections,
  listIpAlerts,
  listIpWinrmConnections,
  summarizeIpAlertHosts,
  type ConnectionSeen,
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

/** An origin host's own records of its connections from this address (outbound, client side). */
export interface IpOriginSummary {
  hostId: string;
  hostName: string | null;
  connections: number;
  firstSeen: string;
  lastSeen: string;
}

export interface IpActivityJson {
  ip: string;
  /** The hosts that held this address in the window (time-bounded: addresses move), earliest first. */
  owners: AddressOwnerJson[];
  /** The address's own hosts as the connections' origin: what they recorded themselves, apart from the hosts reached. */
  origin: IpOriginSummary[];
  window: { from: string; to: string };
  bucketMs: number;
  firstSeen: string | null;
  lastSeen: string | null;
  /** Every host reached, WinRM connection (each once, however many ends recorded it) and alert of the window, listed or not. */
  totals: { hosts: number; connections: number; alerts: number };
  /** The hosts reached (never the origin): a connection seen at the origin only counts at its destination's owner. */
  hosts: IpHostSummary[];
  /** Per host and bucket start (ISO): counts. */
  buckets: { hostId: string; start: string; connections: number; alerts: number }[];
  /** Each connection once; hostId is the host reached, `seen` says which ends recorded it. */
  connections: { seq: string; eventId: string | null; timestamp: string; hostId: string; hostName: string | null; destinationIp: string | null; destinationPort: number | null; sourcePort: number | null; seen: ConnectionSeen }[];
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
 * first/last seen and the hosts it reached. A connection recorded at both ends counts once, at its
 * target; the address's own hosts (its owners in the window) are its origin, listed apart with what
 * they recorded themselves (lib/db/queries/source-ip-activity.ts says how the ends are matched).
 * Totals, first/last seen and each listed host's counts cover the whole window. Lists are bounded,
 * each with its flag: the first IP_HOSTS hosts by first seen (with their time buckets), the first
 * connections and alerts in time order.
 */
export async function getSourceIpActivity(rawIp: string, window: TimeWindow): Promise<IpActivityJson> {
  const ip = canonicalIp(rawIp);
  const { from, to } = window;
  const bucketMs = bucketSizeMs(window);
  const owners = ownersInWindow(await ownersOf(readSql(), [ip], from, to), ip, from.getTime(), to.getTime());
  const originIds = owners.map((o) => o.hostId);
  const [connectionList, alertList, connectionGroups, alertHosts] = await Promise.all([
    listIpWinrmConnections(ip, from, to, originIds, IP_CONNECTION_POINTS),
    listIpAlerts(ip, from, to, IP_ALERT_POINTS),
    groupIpWinrmConnections(ip, from, to, originIds, bucketMs),
    summarizeIpAlertHosts(ip, from, to),
  ]);

  // Connections seen at the origin only count at their destination's owner (else "(unknown)").
  const destinations = [
    ...new Set([...connectionGroups.map((g) => g.destinationIp), ...connectionList.connections.filter((c) => c.seen === "origin").map((c) => c.destinationIp)]),
  ].filter((d): d is string => d !== null);
  const observations = await ownersOf(readSql(), destinations, from, to);
  const heldBy = new Map(destinations.map((d) => [d, ownersInWindow(observations, d, from.getTime(), to.getTime())]));
  const reachedAt = (destinationIp: string | null, at: Date): { hostId: string; hostName: string | null } => {
    const held = destinationIp === null ? [] : (heldBy.get(destinationIp) ?? []);
    const t = at.toISOString();
    const owner = held.find((o) => o.firstSeen <= t && t <= o.lastSeen) ?? held[0];
    return owner ? { hostId: owner.hostId, hostName: owner.hostName } : { hostId: "(unknown)", hostName: null };
  };

  const hosts = new Map<string, IpHostSummary>();
  const origin = new Map<string, IpOriginSummary>();
  const buckets = new Map<string, { hostId: string; start: string; connections: number; alerts: number }>();
  const base = from.getTime();
  const widen = (h: { firstSeen: string; lastSeen: string }, first: string, last: string) => {
    if (first < h.firstSeen) h.firstSeen = first;
    if (last > h.lastSeen) h.lastSeen = last;
  };
  const addHost = (hostId: string, hostName: string | null, kind: "connections" | "alerts", count: number, first: Date, last: Date) => {
    const [f, l] = [first.toISOString(), last.toISOString()];
    const h = hosts.get(hostId) ?? { hostId, hostName, connections: 0, alerts: 0, firstSeen: f, lastSeen: l };
    h.hostName ??= hostName;
    h[kind] += count;
    widen(h, f, l);
    hosts.set(hostId, h);
  };
  const addBucket = (hostId: string, bucket: number, kind: "connections" | "alerts", count: number) => {
    const start = new Date(base + bucket * bucketMs).toISOString();
    const key = `${hostId}\u0000${start}`;
    const b = buckets.get(key) ?? { hostId, start, connections: 0, alerts: 0 };
    b[kind] += count;
    buckets.set(key, b);
  };
  const connectionBuckets: { hostId: string; bucket: number; count: number }[] = [];
  for (const g of connectionGroups) {
    if (g.kind === "origin") {
      const [f, l] = [g.first.toISOString(), g.last.toISOString()];
      const o = origin.get(g.hostId) ?? { hostId: g.hostId, hostName: g.hostName, connections: 0, firstSeen: f, lastSeen: l };
      o.hostName ??= g.hostName;
      o.connections += g.count;
      widen(o, f, l);
      origin.set(g.hostId, o);
      continue;
    }
    const at = g.kind === "reached" ? { hostId: g.hostId, hostName: g.hostName } : reachedAt(g.destinationIp, g.first);
    addHost(at.hostId, at.hostName, "connections", g.count, g.first, g.last);
    connectionBuckets.push({ hostId: at.hostId, bucket: g.bucket, count: g.count });
  }
  for (const r of alertHosts) addHost(r.hostId, r.hostName, "alerts", r.count, r.first, r.last);

  const allHosts = [...hosts.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.hostId.localeCompare(b.hostId));
  const hostList = allHosts.slice(0, IP_HOSTS);
  const listed = new Set(hostList.map((h) => h.hostId));
  for (const b of connectionBuckets) if (listed.has(b.hostId)) addBucket(b.hostId, b.bucket, "connections", b.count);
  if (listed.size) for (const r of await countIpAlertBuckets(ip, from, to, bucketMs, [...listed])) addBucket(r.hostId, r.bucket, "alerts", r.count);

  const firstSeen = allHosts.length ? allHosts.reduce((m, h) => (h.firstSeen < m ? h.firstSeen : m), allHosts[0].firstSeen) : null;
  const lastSeen = allHosts.length ? allHosts.reduce((m, h) => (h.lastSeen > m ? h.lastSeen : m), allHosts[0].lastSeen) : null;
  const sum = (kind: "connections" | "alerts") => allHosts.reduce((n, h) => n + h[kind], 0);
  return {
    ip,
    owners,
    origin: [...origin.values()].sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.hostId.localeCompare(b.hostId)),
    window: { from: window.from.toISOString(), to: window.to.toISOString() },
    bucketMs,
    firstSeen,
    lastSeen,
    totals: { hosts: allHosts.length, connections: sum("connections"), alerts: sum("alerts") },
    hosts: hostList,
    buckets: [...buckets.values()].sort((a, b) => a.start.localeCompare(b.start) || a.hostId.localeCompare(b.hostId)),
    connections: connectionList.connections.map((c) => {
      const at = c.seen === "origin" ? reachedAt(c.destinationIp, c.ts) : { hostId: c.hostId ?? "(unknown)", hostName: c.hostName };
      return {
        seq: c.seq,
        eventId: c.eventId,
        timestamp: c.ts.toISOString(),
        hostId: at.hostId,
        hostName: at.hostName,
        destinationIp: c.destinationIp,
        destinationPort: c.destinationPort,
        sourcePort: c.sourcePort,
        seen: c.seen,
      };
    }),
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
