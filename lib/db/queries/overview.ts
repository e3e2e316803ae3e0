import { pool } from "../client";

/** Aggregates over alerts created in a window, for the overview page. */
export async function alertStatusCounts(from: Date, to: Date) {
  const { rows } = await pool().query<{ status: string; n: string }>(
    `select status, count(*)::text as n from alerts where created_at >= $1 and created_at <= $2 group by status`,
    [from, to],
  );
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)])) as Record<string, number>;
}

/** Alerts per bucket by `rule_name` or `host`: bucket = floor((created_at - from) / size). */
export async function alertsOverTime(from: Date, to: Date, bucketMs: number, by: "rule" | "host") {
  const key = by === "rule" ? "rule_name" : "coalesce(host_name, host_id)";
  const { rows } = await pool().query<{ bucket: number; key: string; total: string; open: string }>(
    `select floor(extract(epoch from (created_at - $1::timestamptz)) * 1000 / $3)::int as bucket,
            ${key} as key, count(*)::text as total, count(*) filter (where status <> 'closed')::text as open
       from alerts where created_at >= $1 and created_at <= $2
      group by 1, 2 order by 1, 2`,
    [from, to, bucketMs],
  );
  return rows.map((r) => ({ bucket: r.bucket, key: r.key, total: Number(r.total), open: Number(r.open) }));
}

export async function topSourceIps(from: Date, to: Date, limit = 10) {
  const { rows } = await pool().query(
    `select host(source_ip) as ip, count(*)::int as alerts, count(distinct host_id)::int as hosts,
            count(*) filter (where status <> 'closed')::int as open, max(last_event_at) as last_seen
       from alerts where created_at >= $1 and created_at <= $2 and source_ip is not null
      group by source_ip order by alerts desc, ip limit $3`,
    [from, to, limit],
  );
  return rows.map((r) => ({ ip: r.ip as string, alerts: r.alerts as number, hosts: r.hosts as number, open: r.open as number, lastSeen: (r.last_seen as Date).toISOString() }));
}

export async function topHosts(from: Date, to: Date, limit = 10) {
  const { rows } = await pool().query(
    `select host_id, max(host_name) as host_name, count(*)::int as alerts,
            count(*) filter (where status <> 'closed')::int as open, count(distinct source_ip)::int as source_ips
       from alerts where created_at >= $1 and created_at <= $2
      group by host_id order by alerts desc, host_id limit $3`,
    [from, to, limit],
  );
  return rows.map((r) => ({ hostId: r.host_id as string, hostName: r.host_name as string | null, alerts: r.alerts as number, open: r.open as number, sourceIps: r.source_ips as number }));
}

/** Mean seconds from creation to acknowledgement and to closing, with the number of alerts in each. */
export async function meanResponseTimes(from: Date, to: Date) {
  const { rows } = await pool().query(
    `select avg(extract(epoch from (acknowledged_at - created_at))) filter (where acknowledged_at is not null) as mtta,
            count(*) filter (where acknowledged_at is not null)::int as acked,
            avg(extract(epoch from (closed_at - created_at))) filter (where closed_at is not null) as mttc,
            count(*) filter (where closed_at is not null)::int as closed
       from alerts where created_at >= $1 and created_at <= $2`,
    [from, to],
  );
  const r = rows[0];
  return {
    meanTimeToAcknowledgeSeconds: r.mtta === null ? null : Number(r.mtta),
    acknowledgedCount: r.acked as number,
    meanTimeToCloseSeconds: r.mttc === null ? null : Number(r.mttc),
    closedCount: r.closed as number,
  };
}
