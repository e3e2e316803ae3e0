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

/** This connection's server process (whose CPU time a benchmark reads). */
export async function backendPid(conn: Queryable): Promise<number> {
  return (await query<{ pid: number }>("SELECT pg_backend_pid() AS pid", [], conn))[0].pid;
}

/** The secondary indexes of `events` (every index but the primary key), by name. */
export async function eventSecondaryIndexes(conn: Queryable): Promise<string[]> {
  const rows = await query<{ indexname: string }>(
    `SELECT indexname FROM pg_indexes WHERE schemaname = 'public' AND tablename = 'events' AND indexname <> 'events_pkey' ORDER BY indexname`,
    [],
    conn,
  );
  return rows.map((r) => r.indexname);
}

/**
 * Bytes on disk of the events partitions (heap with TOAST), of each index of `events` (summed over
 * the partitions' copies of it) and of event_keys (table, then each of its indexes).
 */
export async function eventStorageBytes(conn: Queryable): Promise<{ name: string; bytes: number }[]> {
  const rows = await query<{ name: string; bytes: string }>(
    `SELECT 'events (table)' AS name, sum(pg_table_size(i.inhrelid))::bigint AS bytes, 0 AS o
       FROM pg_inherits i WHERE i.inhparent = 'events'::regclass
     UNION ALL
     SELECT p.relname, sum(pg_relation_size(i.inhrelid))::bigint, 1
       FROM pg_index x JOIN pg_class p ON p.oid = x.indexrelid JOIN pg_inherits i ON i.inhparent = p.oid
      WHERE x.indrelid = 'events'::regclass GROUP BY p.relname
     UNION ALL
     SELECT 'event_keys (table)', pg_table_size('event_keys'), 2
     UNION ALL
     SELECT c.relname, pg_relation_size(c.oid), 3
       FROM pg_index x JOIN pg_class c ON c.oid = x.indexrelid WHERE x.indrelid = 'event_keys'::regclass
     ORDER BY o, name`,
    [],
    conn,
  );
  return rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) }));
}

/** Rows of the address book (observations) and of the WinRM hops. */
export async function movementRowCounts(conn: Queryable): Promise<{ obs: number; hops: number }> {
  return (await query<{ obs: number; hops: number }>(`SELECT (SELECT count(*) FROM address_observations)::int AS obs, (SELECT count(*) FROM winrm_hops)::int AS hops`, [], conn))[0];
}

/** The movement benchmark's planted events (event.id `mv-a-…`), in ingest order. */
export function plantedMovementEvents(conn: Queryable): Promise<{ seq: string; ts: Date; doc: Record<string, unknown>; event_id: string }[]> {
  return query(`SELECT seq, ts, doc, event_id FROM events WHERE event_id LIKE 'mv-a-%' ORDER BY seq`, [], conn);
}

/** Incidents alive (with alerts), merged away, and the largest one's alert count. */
export async function incidentSizes(conn: Queryable): Promise<{ live: number; merged: number; largest: number }> {
  return (
    await query<{ live: number; merged: number; largest: number }>(
      `SELECT count(*) FILTER (WHERE merged_into IS NULL AND alert_count > 0)::int AS live, count(*) FILTER (WHERE merged_into IS NOT NULL)::int AS merged,
              max(alert_count)::int AS largest FROM incidents`,
      [],
      conn,
    )
  )[0];
}

/**
 * A triaged-looking estate for the incident list's filters: DC-* critical (its alerts' and
 * incidents' priority raised as the product would), and incidents spread over the statuses.
 */
export async function shapeBenchIncidents(conn: Queryable): Promise<void> {
  await query(`INSERT INTO critical_hosts (id, pattern, created_by) VALUES (gen_random_uuid(), 'DC-*', 'bench')`, [], conn);
  await query(`UPDATE alerts SET critical = true, priority = priority + 100 WHERE host_name ILIKE 'DC-%'`, [], conn);
  await query(
    `UPDATE incidents i SET critical = true, priority = m.p FROM (SELECT incident_id, max(priority) AS p FROM alerts WHERE critical GROUP BY incident_id) m WHERE i.id = m.incident_id`,
    [],
    conn,
  );
  await query(`UPDATE incidents SET status = (ARRAY['open','open','open','acknowledged','closed'])[1 + (number % 5)]`, [], conn);
}
