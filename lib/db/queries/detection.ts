import type pg from "pg";
import { INGEST_LOCK } from "../locks";

/**
 * The detection worker's reads: the committed high-water mark of the ingest sequence, the affected
 * windows and the candidate scans. Every function takes the worker's own connection. Checkpoints,
 * leases and executions are in `rule-checkpoints.ts`, alert writes in `detection-alerts.ts`.
 */

/**
 * A WHERE condition over the events table compiled with its placeholders starting after
 * `paramOffset` (the engine's `toSql` with `paramOffset`), so it can be placed after a query's own
 * parameters.
 */
export type SqlCondition = (paramOffset: number) => { sql: string; params: unknown[] };

/**
 * The highest ingest sequence number below which every event is committed. Ingest holds
 * INGEST_LOCK shared for its whole transaction; taking it exclusively for an instant means no
 * ingest is between allocating numbers and committing them.
 */
export async function committedHighWaterMark(c: pg.PoolClient): Promise<number> {
  await c.query("BEGIN");
  try {
    await c.query("SELECT pg_advisory_xact_lock($1)", [INGEST_LOCK]);
    const { rows } = await c.query<{ last_value: string; is_called: boolean }>(`SELECT last_value, is_called FROM events_seq_seq`);
    await c.query("COMMIT");
    return rows[0].is_called ? Number(rows[0].last_value) : 0;
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** SQL for "this host belongs to the shard" ("all", or "i/n" by a hash of host.id). */
export function shardSql(shard: string, paramIndex: number): { sql: string; params: unknown[] } {
  if (shard === "all") return { sql: "TRUE", params: [] };
  const [i, n] = shard.split("/").map(Number);
  return { sql: `mod(hashtext(host_id)::bigint + 2147483648, $${paramIndex + 1}) = $${paramIndex}`, params: [i, n] };
}

export async function countRange(c: pg.PoolClient, from: number, to: number): Promise<number> {
  const { rows } = await c.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE seq > $1 AND seq <= $2`, [from, to]);
  return rows[0].n;
}

export interface HostWindow {
  hostId: string;
  from: Date;
  to: Date;
}

/**
 * Time windows to re-evaluate: the new candidate events in (from, to] grouped by host, and within a
 * host clustered so that events less than `gapMs` apart share a window (null: one window per host).
 * Each window spans its cluster's first to last new candidate; the caller widens it by its margin.
 */
export async function affectedHostWindows(
  c: pg.PoolClient,
  range: { from: number; to: number },
  candidate: SqlCondition,
  shard: string,
  gapMs: number | null,
): Promise<HostWindow[]> {
  const cond = candidate(3);
  const s = shardSql(shard, 3 + cond.params.length + 1);
  const sql = `WITH c AS (
      SELECT host_id, ts FROM events
      WHERE seq > $1 AND seq <= $2 AND detectable AND host_id IS NOT NULL
        AND (${cond.sql}) AND ${s.sql}),
    g AS (
      SELECT host_id, ts,
        CASE WHEN $3::bigint IS NOT NULL
              AND ts - lag(ts) OVER (PARTITION BY host_id ORDER BY ts) <= make_interval(secs => $3::bigint / 1000.0)
             THEN 0 ELSE 1 END AS brk
      FROM c),
    w AS (SELECT host_id, ts, sum(brk) OVER (PARTITION BY host_id ORDER BY ts ROWS UNBOUNDED PRECEDING) AS grp FROM g)
    SELECT host_id, min(ts) AS min_ts, max(ts) AS max_ts FROM w GROUP BY host_id, grp ORDER BY host_id, min(ts)`;
  const { rows } = await c.query<{ host_id: string; min_ts: Date; max_ts: Date }>(sql, [range.from, range.to, gapMs, ...cond.params, ...s.params]);
  return rows.map((r) => ({ hostId: r.host_id, from: r.min_ts, to: r.max_ts }));
}

export interface CandidateRow {
  seq: number;
  ts: Date;
  host_id: string;
  doc: Record<string, unknown>;
  enrichments: { field: string; value: unknown; reason: string }[];
}

/**
 * Streams candidate events of the given host windows, ordered by host, then time, then ingest
 * order, in pages (bounded memory), inside one read-only snapshot.
 */
export async function* candidateEvents(
  c: pg.PoolClient,
  windows: HostWindow[],
  marginMs: number | null,
  maxSeq: number,
  candidate: SqlCondition,
  pageSize = 5000,
): AsyncGenerator<CandidateRow[]> {
  if (!windows.length) return;
  const cond = candidate(4);
  const hosts = windows.map((w) => w.hostId);
  const froms = windows.map((w) => (marginMs === null ? new Date(-8.64e15) : new Date(w.from.getTime() - marginMs)));
  const tos = windows.map((w) => (marginMs === null ? new Date(8.64e15) : new Date(w.to.getTime() + marginMs)));
  // LATERAL with OFFSET 0 (kept as a subquery): one (host_id, ts) index range scan per window. As a
  // plain join the planner prefers the seq index or a full scan, reading every event ingested so far.
  const sql = `SELECT e.seq, e.ts, e.host_id, e.doc, e.enrichments
    FROM unnest($1::text[], $2::timestamptz[], $3::timestamptz[]) AS w(host_id, lo, hi)
    CROSS JOIN LATERAL (
      SELECT seq, ts, host_id, doc, enrichments FROM events
      WHERE host_id = w.host_id AND ts >= w.lo AND ts <= w.hi
        AND seq + 0 <= $4 AND detectable AND (${cond.sql})
      OFFSET 0
    ) e
    ORDER BY e.host_id, e.ts, e.seq`;
  await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
  try {
    await c.query(`DECLARE candidates NO SCROLL CURSOR FOR ${sql}`, [hosts, froms, tos, maxSeq, ...cond.params]);
    for (;;) {
      const { rows } = await c.query<Omit<CandidateRow, "seq"> & { seq: string }>(`FETCH ${pageSize} FROM candidates`);
      if (!rows.length) break;
      yield rows.map((r) => ({ ...r, seq: Number(r.seq) }));
    }
    await c.query("COMMIT");
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw err;
  }
}

/** Events not yet evaluated by every enabled rule, and the ingest age of the oldest. */
export async function backlog(c: pg.Pool | pg.PoolClient, ruleIds: string[]) {
  const { rows } = await c.query<{ checkpoint: string; pending: string; oldest: Date | null }>(
    `WITH cp AS (
       SELECT coalesce(min(coalesce(c.checkpoint, sr.start_seq, 0)), 0) AS checkpoint FROM unnest($1::text[]) r(rule_id)
       LEFT JOIN rule_checkpoints c ON c.rule_id = r.rule_id
       LEFT JOIN stored_rules sr ON sr.rule_id = r.rule_id
       LEFT JOIN rule_state s ON s.rule_id = r.rule_id
       WHERE coalesce(s.enabled, true))
     SELECT (SELECT checkpoint FROM cp) AS checkpoint,
            (SELECT count(*) FROM events WHERE seq > (SELECT checkpoint FROM cp))::bigint AS pending,
            (SELECT min(ingested_at) FROM events WHERE seq > (SELECT checkpoint FROM cp)) AS oldest`,
    [ruleIds],
  );
  const r = rows[0];
  return {
    pendingEvents: Number(r.pending),
    oldestPendingAgeSeconds: r.oldest ? Math.round((Date.now() - r.oldest.getTime()) / 1000) : null,
  };
}
