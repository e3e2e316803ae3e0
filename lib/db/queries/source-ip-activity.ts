import { OUTBOUND } from "../../movement/extract-addresses";
import { query } from "../sql";

/**
 * One source IP across every host: its WinRM connections (5985/5986) and its alerts.
 * Summaries (per host and time bucket) cover the whole window and read only covering indexes:
 * events_winrm_source_ip_ts_idx (partial: WinRM connections) and alerts_source_ip_timeline_idx.
 * The lists of single connections and alerts are bounded; they say when they were cut.
 */
export interface IpAlertRow {
  id: string;
  ruleId: string;
  ruleName: string;
  severity: string;
  status: string;
  hostId: string;
  hostName: string | null;
  firstEventAt: Date;
  lastEventAt: Date;
}

/** Every alert of the window per host (a missing host id is "(unknown)"). */
export interface IpHostRow {
  hostId: string;
  count: number;
  first: Date;
  last: Date;
  /** The least name seen (a host's name rarely changes within a window). */
  hostName: string | null;
}

/** Counts of one host in one time bucket (`bucket` = whole buckets since the window's start). */
export interface IpBucketRow {
  hostId: string;
  bucket: number;
  count: number;
}

/**
 * Whole buckets of `$size` ms between `$start` (the window's start, epoch ms) and a time column: the
 * integer milliseconds divided as float8 (exact for these magnitudes), floored like Math.floor.
 * Plain aggregates only, so PostgreSQL can hash the groups instead of sorting every row.
 */
const bucketOf = (column: string, start: string, size: string) =>
  `floor(((extract(epoch from ${column}) * 1000)::bigint - ${start}::bigint)::float8 / ${size}::float8)::int`;

const WINRM_CONNECTION = `source_ip = $1::inet and ts >= $2 and ts <= $3 and destination_port in (5985, 5986) and 'network' = any(category)`;
const IP_ALERT = `source_ip = $1::inet and last_event_at >= $2 and first_event_at <= $3`;

/**
 * One source IP's WinRM connections with each end told apart. A connection's *origin* record is the
 * one its client wrote (`network.direction` outbound, or a host that held the address): the
 * address's own host. Its *target* record is the one the host it reached wrote. A connection seen at
 * both ends — an origin and a target record with the same source port, destination address and
 * port (the rest of the 5-tuple: the source address is this one, WinRM is TCP), within a second of
 * each other — is one connection, counted at its target. An origin record with no such target
 * record is a connection too (the target runs no sensor), counted at its destination address.
 * $4: the ids of the hosts that held the address in the window.
 */
const SIDED = `sided as (
  select host_id, host_name, ts, seq, event_id, destination_ip, destination_port, source_port,
         (lower(coalesce(direction, '')) in (${[...OUTBOUND].map((d) => `'${d}'`).join(", ")}) or coalesce(host_id, '') = any($4::text[])) as origin
    from events
   where ${WINRM_CONNECTION}
)`;
const SAME_CONNECTION = (o: string, t: string) =>
  `${t}.source_port = ${o}.source_port and ${t}.destination_ip = ${o}.destination_ip and ${t}.destination_port = ${o}.destination_port
   and ${t}.ts between ${o}.ts - interval '1 second' and ${o}.ts + interval '1 second'`;
/** Every connection once: its target record, or its origin record when no target record matches. */
const CONNECTIONS = `${SIDED},
connections as (
  select t.*, exists (select 1 from sided o where o.origin and ${SAME_CONNECTION("o", "t")}) as both_ends
    from sided t where not t.origin
  union all
  select o.*, false from sided o
   where o.origin and not exists (select 1 from sided t where not t.origin and ${SAME_CONNECTION("o", "t")})
)`;

/** Where a connection was recorded: at its target, at its origin only, or at both ends (counted once). */
export type ConnectionSeen = "target" | "origin" | "both";

export interface IpConnectionRow {
  seq: string;
  eventId: string | null;
  ts: Date;
  /** The host that recorded it: its target, or (seen = "origin") the address's own host. */
  hostId: string | null;
  hostName: string | null;
  destinationIp: string | null;
  destinationPort: number | null;
  sourcePort: number | null;
  seen: ConnectionSeen;
}

const seenOf = (origin: boolean, bothEnds: boolean): ConnectionSeen => (origin ? "origin" : bothEnds ? "both" : "target");

/** The window's first connections (each once) in (ts, seq) order, at most `limit`. */
export async function listIpWinrmConnections(ip: string, from: Date, to: Date, originHostIds: string[], limit: number) {
  const rows = await query<{
    seq: string;
    event_id: string | null;
    ts: Date;
    host_id: string | null;
    host_name: string | null;
    destination_ip: string | null;
    destination_port: string | number | null;
    source_port: string | number | null;
    origin: boolean;
    both_ends: boolean;
  }>(
    `with ${CONNECTIONS}
    select seq::text as seq, event_id, ts, host_id, host_name, host(destination_ip) as destination_ip,
           destination_port, source_port, origin, both_ends
      from connections
     order by ts, seq
     limit $5`,
    [ip, from, to, originHostIds, limit + 1],
  );
  const connections: IpConnectionRow[] = rows.slice(0, limit).map((r) => ({
    seq: r.seq,
    eventId: r.event_id,
    ts: r.ts,
    hostId: r.host_id,
    hostName: r.host_name,
    destinationIp: r.destination_ip,
    destinationPort: r.destination_port === null ? null : Number(r.destination_port),
    sourcePort: r.source_port === null ? null : Number(r.source_port),
    seen: seenOf(r.origin, r.both_ends),
  }));
  return { connections, truncated: rows.length > limit };
}

/**
 * The window's connections (each once) per recording host, destination (for those seen at the
 * origin only) and time bucket of $6 ms from $5 (epoch ms); and the origin's own records per host.
 * A few rows per host and bucket, whatever the number of connections; read from the covering index.
 */
export interface IpConnectionGroupRow {
  /** "reached": connections counted at hostId (their target); "unmatched": seen at the origin only, counted at destinationIp; "origin": the origin host's own records (all of them). */
  kind: "reached" | "unmatched" | "origin";
  hostId: string;
  hostName: string | null;
  destinationIp: string | null;
  bucket: number;
  count: number;
  first: Date;
  last: Date;
}

export async function groupIpWinrmConnections(ip: string, from: Date, to: Date, originHostIds: string[], bucketMs: number): Promise<IpConnectionGroupRow[]> {
  const bucket = bucketOf("ts", "$5", "$6");
  const rows = await query<{ kind: IpConnectionGroupRow["kind"]; host_id: string; host_name: string | null; destination_ip: string | null; bucket: number; n: number; first: Date; last: Date }>(
    `with ${CONNECTIONS}
    select case when origin then 'unmatched' else 'reached' end as kind, coalesce(host_id, '(unknown)') as host_id,
           min(host_name) as host_name, case when origin then host(destination_ip) end as destination_ip,
           ${bucket} as bucket, count(*)::int as n, min(ts) as first, max(ts) as last
      from connections group by 1, 2, 4, 5
    union all
    select 'origin', coalesce(host_id, '(unknown)'), min(host_name), null, ${bucket}, count(*)::int, min(ts), max(ts)
      from sided where origin group by 2, 5`,
    [ip, from, to, originHostIds, from.getTime(), bucketMs],
  );
  return rows.map((r) => ({ kind: r.kind, hostId: r.host_id, hostName: r.host_name, destinationIp: r.destination_ip, bucket: r.bucket, count: r.n, first: r.first, last: r.last }));
}

/** Every alert of the window (index-only), counted per host. */
export async function summarizeIpAlertHosts(ip: string, from: Date, to: Date): Promise<IpHostRow[]> {
  const rows = await query<{ host_id: string; n: number; first: Date; last: Date; host_name: string | null }>(
    `select coalesce(host_id, '(unknown)') as host_id, count(*)::int as n, min(first_event_at) as first, max(first_event_at) as last, min(host_name) as host_name
       from alerts where ${IP_ALERT} group by 1`,
    [ip, from, to],
  );
  return rows.map((r) => ({ hostId: r.host_id, count: r.n, first: r.first, last: r.last, hostName: r.host_name }));
}

/** The same, per host and bucket of `bucketMs` from `from`, for the given hosts only. */
export async function countIpAlertBuckets(ip: string, from: Date, to: Date, bucketMs: number, hostIds: string[]): Promise<IpBucketRow[]> {
  const rows = await query<{ host_id: string; bucket: number; n: number }>(
    `select coalesce(host_id, '(unknown)') as host_id, ${bucketOf("first_event_at", "$4", "$5")} as bucket, count(*)::int as n
       from alerts where ${IP_ALERT} and coalesce(host_id, '(unknown)') = any($6::text[]) group by 1, 2`,
    [ip, from, to, from.getTime(), bucketMs, hostIds],
  );
  return rows.map((r) => ({ hostId: r.host_id, bucket: r.bucket, count: r.n }));
}

/** The window's first alerts in (first_event_at, id) order, at most `limit`. */
export async function listIpAlerts(ip: string, from: Date, to: Date, limit: number) {
  const rows = await query<{
    id: string;
    rule_id: string;
    rule_name: string;
    severity: string;
    status: string;
    host_id: string;
    host_name: string | null;
    first_event_at: Date;
    last_event_at: Date;
  }>(
    `select id, rule_id, rule_name, severity, status, host_id, host_name, first_event_at, last_event_at
       from alerts
      where ${IP_ALERT}
      order by first_event_at, id
      limit $4`,
    [ip, from, to, limit + 1],
  );
  const alerts: IpAlertRow[] = rows.slice(0, limit).map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    severity: r.severity,
    status: r.status,
    hostId: r.host_id,
    hostName: r.host_name,
    firstEventAt: r.first_event_at,
    lastEventAt: r.last_event_at,
  }));
  return { alerts, truncated: rows.length > limit };
}
