import { db } from "../client";
import { query, queryOne, type Queryable } from "../sql";

/**
 * The statements of the benchmarks (`bench/*.ts`): counts they check their runs with, the rows they
 * build alerts from, the ageing of generated alerts, planner statistics and index usage. Nothing in
 * the product calls them; they are here because every SQL statement is. A function that runs on
 * the caller's connection (a benchmark's own transaction or client) takes it as `conn`.
 */

/** Tables whose statistics a benchmark refreshes before it measures. */
type AnalyzedTable = "events" | "alerts";

/** `ANALYZE` of one table, or of the whole database. */
export async function analyze(table?: AnalyzedTable, conn?: Queryable): Promise<void> {
  await query(table ? `ANALYZE ${table}` : "ANALYZE", [], conn);
}

/** `VACUUM ANALYZE` of one table, or of the whole database (not inside a transaction). */
export async function vacuumAnalyze(table?: AnalyzedTable, conn?: Queryable): Promise<void> {
  await query(table ? `VACUUM ANALYZE ${table}` : "VACUUM ANALYZE", [], conn);
}

/** Zeroes the database's activity statistics (index scans included). */
export async function resetStatistics(): Promise<void> {
  await query("SELECT pg_stat_reset()");
}

/** Scans of each index of `events`, the daily partitions' indexes added up under the parent's name. */
export function eventIndexScans(): Promise<{ index: string; scans: number }[]> {
  return query(
    `SELECT regexp_replace(indexrelname, '^events_p[0-9_]+_', 'events_') AS index, sum(idx_scan)::int AS scans
       FROM pg_stat_user_indexes WHERE relname LIKE 'events%' GROUP BY 1 ORDER BY 1`,
  );
}

/** Up to `limit` source addresses of inbound WinRM connections. */
export async function sampleWinrmSourceIps(limit: number): Promise<string[]> {
  const rows = await query<{ ip: string }>(`SELECT DISTINCT host(source_ip) AS ip FROM events WHERE destination_port IN (5985, 5986) LIMIT $1`, [limit]);
  return rows.map((r) => r.ip);
}

/** Up to `limit` host ids that have events. */
export async function sampleEventHostIds(limit: number): Promise<string[]> {
  const rows = await query<{ host_id: string }>(`SELECT DISTINCT host_id FROM events WHERE host_id IS NOT NULL LIMIT $1`, [limit]);
  return rows.map((r) => r.host_id);
}

/** Stored events, and how many distinct event ids among them. */
export async function countEvents(conn?: Queryable): Promise<{ n: number; d: number }> {
  return (await queryOne<{ n: number; d: number }>(`SELECT count(*)::int AS n, count(DISTINCT event_id)::int AS d FROM events`, [], conn))!;
}

/** Stored events and the first and last event time. */
export async function eventSpan(): Promise<{ n: number; a: Date; b: Date }> {
  return (await queryOne<{ n: number; a: Date; b: Date }>(`SELECT count(*)::int AS n, min(ts) AS a, max(ts) AS b FROM events`))!;
}

/** Every stored alert. */
export async function countAlerts(): Promise<number> {
  return (await queryOne<{ n: number }>(`SELECT count(*)::int AS n FROM alerts`))!.n;
}

/** The hosts among these that have an alert. */
export async function hostsWithAlerts(hostIds: string[], conn?: Queryable): Promise<string[]> {
  const rows = await query<{ host_id: string }>(`SELECT DISTINCT host_id FROM alerts WHERE host_id = ANY($1::text[])`, [hostIds], conn);
  return rows.map((r) => r.host_id);
}

/** The alert raised on this host: its id and when it was stored. */
export function alertOfHost(hostName: string) {
  return db().alert.findFirstOrThrow({ where: { hostName }, select: { id: true, createdAt: true } });
}

/** Some alert, without stages and MITRE mapping: the body of a realistic message. */
export function anyAlert() {
  return db().alert.findFirstOrThrow({ omit: { stages: true, threat: true } });
}

/** Outbox messages per status. */
export function outboxStatusCounts(): Promise<{ status: string; n: number }[]> {
  return query(`SELECT status, count(*)::int AS n FROM notification_outbox GROUP BY status`);
}

export interface GeneratedEventRow {
  seq: string;
  ts: Date;
  doc: Record<string, unknown> & { host: { id: string } };
  category: string[];
}

/** The events of the generator's planted target servers (`host-1` + 5 characters), per host in time order. */
export function plantedServerEvents(conn: Queryable): Promise<GeneratedEventRow[]> {
  return query<GeneratedEventRow>(`SELECT seq, ts, doc, category FROM events WHERE host_id LIKE 'host-1_____' ORDER BY host_id, ts, seq`, [], conn);
}

/**
 * Spreads the alerts just generated over the 30 days before `now` with a mix of statuses (7 in 10
 * open, 2 acknowledged, 1 closed as a false positive), as a dashboard in use has them.
 */
export async function ageGeneratedAlerts(now: number, conn: Queryable): Promise<void> {
  await query(
    `UPDATE alerts SET created_at = to_timestamp($1 / 1000.0) - (random() * interval '30 days'),
        status = (ARRAY['open','open','open','open','open','open','open','acknowledged','acknowledged','closed'])[1 + floor(random() * 10)::int]`,
    [now],
    conn,
  );
  await query(`UPDATE alerts SET closing_reason = 'false_positive', closed_at = created_at + interval '1 hour' WHERE status = 'closed'`, [], conn);
}

/**
 * Every candidate of the window the way the engine's `toSql` writes its condition (placeholders
 * after the window's two), without the hunt's index path: the baseline a hunt is compared with.
 * Returns how many rows it read.
 */
export async function readPushdownCandidates(from: Date, to: Date, condition: { sql: string; params: unknown[] }): Promise<number> {
  const rows = await query(`SELECT seq, ts, host_id, doc FROM events WHERE ts >= $1 AND ts <= $2 AND (${condition.sql}) ORDER BY ts, seq`, [from, to, ...condition.params]);
  return rows.length;
}

/** The server processes working for this connection's database (its backends, autovacuum workers) and the server's background processes, this backend excluded. */
export async function databaseServerPids(conn: Queryable): Promise<number[]> {
  const rows = await query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE (datname = current_database() OR datname IS NULL) AND pid <> pg_backend_pid()`,
    [],
    conn,
  );
  return rows.map((r) => r.pid);
}
