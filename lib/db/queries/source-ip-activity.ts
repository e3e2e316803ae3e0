import { query } from "../sql";

/**
 * One source IP across every host: its inbound WinRM connections (5985/5986) and its alerts.
 * Summaries (per host and time bucket) cover the whole window and read only covering indexes:
 * events_winrm_source_ip_ts_idx (partial: WinRM connections) and alerts_source_ip_timeline_idx.
 * The lists of single connections and alerts are bounded; they say when they were cut.
 */
export interface IpConnectionRow {
  seq: string;
  eventId: string | null;
  ts: Date;
  hostId: string | null;
  hostName: string | null;
  destinationIp: string | null;
  destinationPort: number | null;
  sourcePort: number | null;
}

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

/** Every connection or alert of the window per host (a missing host id is "(unknown)"). */
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
 * Whole buckets of $5 ms between $4 (the window's start, epoch ms) and a time column: the integer
 * milliseconds divided as float8 (exact for these magnitudes), floored like Math.floor. Plain
 * aggregates only, so PostgreSQL can hash the groups instead of sorting every row.
 */
const bucketOf = (column: string) => `floor(((extract(epoch from ${column}) * 1000)::bigint - $4::bigint)::float8 / $5::float8)::int`;

const WINRM_CONNECTION = `source_ip = $1::inet and ts >= $2 and ts <= $3 and destination_port in (5985, 5986) and 'network' = any(category)`;
const IP_ALERT = `source_ip = $1::inet and last_event_at >= $2 and first_event_at <= $3`;

/** The window's first connections in (ts, seq) order, at most `limit`. */
export async function listIpWinrmConnections(ip: string, from: Date, to: Date, limit: number) {
  const rows = await query<{
    seq: string;
    event_id: string | null;
    ts: Date;
    host_id: string | null;
    host_name: string | null;
    destination_ip: string | null;
    destination_port: string | number | null;
    source_port: string | number | null;
  }>(
    `select seq::text as seq, event_id, ts, host_id, host_name, host(destination_ip) as destination_ip,
            destination_port, source_port
       from events
      where ${WINRM_CONNECTION}
      order by ts, seq
      limit $4`,
    [ip, from, to, limit + 1],
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
  }));
  return { connections, truncated: rows.length > limit };
}

const SOURCES = {
  connections: { table: "events", time: "ts", where: WINRM_CONNECTION },
  alerts: { table: "alerts", time: "first_event_at", where: IP_ALERT },
} as const;
export type IpActivityKind = keyof typeof SOURCES;

/** Every connection or alert of the window (index-only), counted per host. */
export async function summarizeIpHosts(kind: IpActivityKind, ip: string, from: Date, to: Date): Promise<IpHostRow[]> {
  const { table, time, where } = SOURCES[kind];
  const rows = await query<{ host_id: string; n: number; first: Date; last: Date; host_name: string | null }>(
    `select coalesce(host_id, '(unknown)') as host_id, count(*)::int as n, min(${time}) as first, max(${time}) as last, min(host_name) as host_name
       from ${table} where ${where} group by 1`,
    [ip, from, to],
  );
  return rows.map((r) => ({ hostId: r.host_id, count: r.n, first: r.first, last: r.last, hostName: r.host_name }));
}

/** The same, per host and bucket of `bucketMs` from `from`, for the given hosts only. */
export async function countIpBuckets(kind: IpActivityKind, ip: string, from: Date, to: Date, bucketMs: number, hostIds: string[]): Promise<IpBucketRow[]> {
  const { table, time, where } = SOURCES[kind];
  const rows = await query<{ host_id: string; bucket: number; n: number }>(
    `select coalesce(host_id, '(unknown)') as host_id, ${bucketOf(time)} as bucket, count(*)::int as n
       from ${table} where ${where} and coalesce(host_id, '(unknown)') = any($6::text[]) group by 1, 2`,
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
