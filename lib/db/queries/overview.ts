import { query, queryOne } from "../sql";

/** Aggregates over alerts created in a window, for the overview page. */
export async function alertStatusCounts(from: Date, to: Date): Promise<Record<string, number>> {
  const rows = await query<{ status: string; n: number }>(
    `select status, count(*)::int as n from alerts where created_at >= $1 and created_at <= $2 group by status`,
    [from, to],
  );
  return Object.fromEntries(rows.map((r) => [r.status, r.n]));
}

/** Alerts per bucket by `rule_name` or `host`: bucket = floor((created_at - from) / size). */
export async function alertsOverTime(from: Date, to: Date, bucketMs: number, by: "rule" | "host") {
  const key = by === "rule" ? "rule_name" : "coalesce(host_name, host_id)";
  return query<{ bucket: number; key: string; total: number; open: number }>(
    `select floor(extract(epoch from (created_at - $1::timestamptz)) * 1000 / $3)::int as bucket,
            ${key} as key, count(*)::int as total, count(*) filter (where status <> 'closed')::int as open
       from alerts where created_at >= $1 and created_at <= $2
      group by 1, 2 order by 1, 2`,
    [from, to, bucketMs],
  );
}

export async function topSourceIps(from: Date, to: Date, limit = 10) {
  const rows = await query<{ ip: string; alerts: number; hosts: number; open: number; last_seen: Date }>(
    `select host(source_ip) as ip, count(*)::int as alerts, count(distinct host_id)::int as hosts,
            count(*) filter (where status <> 'closed')::int as open, max(last_event_at) as last_seen
       from alerts where created_at >= $1 and created_at <= $2 and source_ip is not null
      group by source_ip order by alerts desc, ip limit $3`,
    [from, to, limit],
  );
  return rows.map((r) => ({ ip: r.ip, alerts: r.alerts, hosts: r.hosts, open: r.open, lastSeen: r.last_seen.toISOString() }));
}

export async function topHosts(from: Date, to: Date, limit = 10) {
  const rows = await query<{ host_id: string; host_name: string | null; alerts: number; open: number; source_ips: number }>(
    `select host_id, max(host_name) as host_name, count(*)::int as alerts,
            count(*) filter (where status <> 'closed')::int as open, count(distinct source_ip)::int as source_ips
       from alerts where created_at >= $1 and created_at <= $2
      group by host_id order by alerts desc, host_id limit $3`,
    [from, to, limit],
  );
  return rows.map((r) => ({ hostId: r.host_id, hostName: r.host_name, alerts: r.alerts, open: r.open, sourceIps: r.source_ips }));
}

/** Mean seconds from creation to acknowledgement and to closing, with the number of alerts in each. */
export async function meanResponseTimes(from: Date, to: Date) {
  // avg() of an epoch is numeric: pg returns it as text; float8 arrives as a number.
  const r = await queryOne<{ mtta: number | null; acked: number; mttc: number | null; closed: number }>(
    `select (avg(extract(epoch from (acknowledged_at - created_at))) filter (where acknowledged_at is not null))::float8 as mtta,
            count(*) filter (where acknowledged_at is not null)::int as acked,
            (avg(extract(epoch from (closed_at - created_at))) filter (where closed_at is not null))::float8 as mttc,
            count(*) filter (where closed_at is not null)::int as closed
       from alerts where created_at >= $1 and created_at <= $2`,
    [from, to],
  );
  return {
    meanTimeToAcknowledgeSeconds: r?.mtta ?? null,
    acknowledgedCount: r?.acked ?? 0,
    meanTimeToCloseSeconds: r?.mttc ?? null,
    closedCount: r?.closed ?? 0,
  };
}
