import { pool } from "../client";

/**
 * One source IP across every host: its inbound WinRM connections (5985/5986) and its alerts.
 * The events query scans the ts range of the window (there is no source_ip index on events);
 * the alerts query uses alerts(source_ip, created_at).
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

export async function listIpWinrmConnections(ip: string, from: Date, to: Date, limit = 5000) {
  const { rows } = await pool().query(
    `select seq::text as seq, event_id, ts, host_id, host_name, host(destination_ip) as destination_ip,
            destination_port, source_port
       from events
      where ts >= $2 and ts <= $3 and source_ip = $1::inet and destination_port in (5985, 5986)
        and 'network' = any(category)
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

export async function listIpAlerts(ip: string, from: Date, to: Date, limit = 2000): Promise<IpAlertRow[]> {
  const { rows } = await pool().query(
    `select id, rule_id, rule_name, severity, status, host_id, host_name, first_event_at, last_event_at
       from alerts
      where source_ip = $1::inet and last_event_at >= $2 and first_event_at <= $3
      order by first_event_at, id
      limit $4`,
    [ip, from, to, limit],
  );
  return rows.map((r) => ({
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
}
