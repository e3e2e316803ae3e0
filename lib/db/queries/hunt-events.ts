import type pg from "pg";
import { EVENT_COLUMNS } from "../../ecs/columns";
import { indexConditionSql, stagesIndexConditionSql, type CompiledQuery, type CompiledSequenceQuery } from "../../eql";
import { pool } from "../client";

/**
 * The hunt's reads: the candidate events of a query in a time window, in time order then ingest
 * order, through a cursor (pages of rows, never the whole window in memory), on a connection of its
 * own so that the hunt can be cancelled (pg_cancel_backend on its backend) or time out.
 */
export interface HuntWindow {
  from: Date;
  to: Date;
  hostId?: string;
  /** Keep only events whose source.ip or destination.ip is this address (event queries). */
  ip?: string;
}

export interface HuntRow {
  seq: number;
  ts: Date;
  host_id: string | null;
  doc: Record<string, unknown>;
}

/** Fields served by the lower(column COLLATE "C") indexes (migration 20261204050000_hunt). */
export const FOLDED_INDEX_FIELDS = ["process.name", "process.parent.name"] as const;

/** Bind parameters and fragments compiled with their own numbering from $1. */
class SqlBuilder {
  readonly params: unknown[] = [];
  add(v: unknown): string {
    this.params.push(v);
    return `$${this.params.length}`;
  }
  /** A fragment compiled with its parameters numbered after the ones so far. */
  fragment(compile: (paramOffset: number) => { sql: string; params: unknown[] }): string;
  fragment(compile: (paramOffset: number) => { sql: string; params: unknown[] } | null): string | null;
  fragment(compile: (paramOffset: number) => { sql: string; params: unknown[] } | null): string | null {
    const f = compile(this.params.length);
    if (!f) return null;
    this.params.push(...f.params);
    return f.sql;
  }
}

const INDEX_OPTIONS = { columns: EVENT_COLUMNS, paramOffset: 0, foldedColumns: FOLDED_INDEX_FIELDS };
const PUSHDOWN_OPTIONS = { columns: EVENT_COLUMNS, docColumn: "doc", paramOffset: 0 };

function windowSql(b: SqlBuilder, w: HuntWindow): string {
  const where = [`ts >= ${b.add(w.from)}`, `ts <= ${b.add(w.to)}`];
  if (w.hostId !== undefined) where.push(`host_id = ${b.add(w.hostId)}`);
  if (w.ip !== undefined) {
    const ip = b.add(w.ip);
    where.push(`(source_ip = ${ip}::inet OR destination_ip = ${ip}::inet)`);
  }
  return where.join(" AND ");
}

/** The WHERE clause of a hunt over the window: time (and host, address), the index path, the engine's pushdown. */
export function huntWhere(q: CompiledQuery, w: HuntWindow): { sql: string; params: unknown[] } {
  const b = new SqlBuilder();
  const where = [windowSql(b, w)];
  const index = b.fragment((o) => indexConditionSql(q, { ...INDEX_OPTIONS, paramOffset: o }));
  if (index) where.push(index);
  where.push(`(${b.fragment((o) => q.toSql({ ...PUSHDOWN_OPTIONS, paramOffset: o }))})`);
  return { sql: where.join(" AND "), params: b.params };
}

/**
 * The candidate events of a hunt, in time then ingest order. A sequence `by host.id` with `maxspan`
 * and no missing-event stage whose last stage has an index condition is read from that stage: its
 * candidates (rare in practice: the process WinRM started), then, on the same host within maxspan
 * before each, the candidates of the earlier stages, and every candidate of `until`. Exact: an
 * earlier-stage event with no last-stage event of its host within maxspan after it can neither
 * complete a sequence nor change one that completes (a sequence it displaced or whose state it took
 * would have to complete within maxspan of it, through such a last-stage event).
 */
export function huntSelect(q: CompiledQuery, w: HuntWindow): { sql: string; params: unknown[]; anchored: boolean } {
  const anchored = q.kind === "sequence" ? anchoredSelect(q, w) : null;
  if (anchored) return { ...anchored, anchored: true };
  const { sql, params } = huntWhere(q, w);
  return { sql: `SELECT seq, ts, host_id, doc FROM events WHERE ${sql} ORDER BY ts, seq`, params, anchored: false };
}

function anchoredSelect(q: CompiledSequenceQuery, w: HuntWindow): { sql: string; params: unknown[] } | null {
  if (q.maxspanMs === null || q.stages.length < 2 || q.stages.some((s) => s.missing)) return null;
  if (!q.ast.by.some((f) => f.name === "host.id" && !f.optional)) return null;
  const last = q.stages.length - 1;
  const lastIndex = stagesIndexConditionSql(q, [last], INDEX_OPTIONS);
  if (!lastIndex) return null;
  const b = new SqlBuilder();
  const win = windowSql(b, w);
  const lastSql = `${b.fragment((o) => stagesIndexConditionSql(q, [last], { ...INDEX_OPTIONS, paramOffset: o })!)} AND (${b.fragment((o) => q.stages[last].toSql({ ...PUSHDOWN_OPTIONS, paramOffset: o }))})`;
  const earlier = q.stages.slice(0, last).map((s) => `(${b.fragment((o) => s.toSql({ ...PUSHDOWN_OPTIONS, paramOffset: o }))})`).join(" OR ");
  const span = `(${b.add(q.maxspanMs)}::bigint * interval '1 millisecond')`;
  let until = "";
  if (q.until) {
    const untilStage = q.until;
    const idx = b.fragment((o) => stagesIndexConditionSql(q, ["until"], { ...INDEX_OPTIONS, paramOffset: o }));
    until = `UNION SELECT seq FROM events WHERE ${win}${idx ? ` AND ${idx}` : ""} AND (${b.fragment((o) => untilStage.toSql({ ...PUSHDOWN_OPTIONS, paramOffset: o }))})`;
  }
  const sql = `WITH anchors AS MATERIALIZED (
      SELECT seq, ts, host_id FROM events WHERE ${win} AND host_id IS NOT NULL AND ${lastSql}),
    ids AS (
      SELECT seq FROM anchors
      UNION
      SELECT e.seq FROM anchors a CROSS JOIN LATERAL (
        SELECT seq FROM events WHERE host_id = a.host_id AND ts >= a.ts - ${span} AND ts <= a.ts AND ${win} AND (${earlier}) OFFSET 0) e
      ${until})
    SELECT e.seq, e.ts, e.host_id, e.doc FROM ids CROSS JOIN LATERAL (
      SELECT seq, ts, host_id, doc FROM events WHERE seq = ids.seq AND ${win} OFFSET 0) e
    ORDER BY e.ts, e.seq`;
  return { sql, params: b.params };
}

export interface HuntCursor {
  /** The backend process of the hunt's connection (for pg_cancel_backend). */
  pid: number;
  pages(pageSize?: number): AsyncGenerator<HuntRow[]>;
  close(): Promise<void>;
}

/**
 * Opens a read-only snapshot and a cursor over the hunt's candidate events. statement_timeout bounds
 * every statement of it (the caller also cancels at its overall deadline).
 */
export async function openHuntCursor(
  q: CompiledQuery,
  w: HuntWindow,
  statementTimeoutMs: number,
  onBackend: (pid: number) => void = () => undefined,
): Promise<HuntCursor> {
  const c: pg.PoolClient = await pool().connect();
  let open = true;
  try {
    const pid = Number((await c.query("SELECT pg_backend_pid() AS pid")).rows[0].pid);
    onBackend(pid);
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await c.query(`SET LOCAL statement_timeout = ${Math.max(1, Math.floor(statementTimeoutMs))}`);
    // The candidates are sorted by (ts, seq) with their documents: enough memory to sort them without spilling to disk.
    await c.query(`SET LOCAL work_mem = '64MB'`);
    const { sql, params } = huntSelect(q, w);
    await c.query(`DECLARE hunt NO SCROLL CURSOR FOR ${sql}`, params);
    return {
      pid,
      async *pages(pageSize = 2000) {
        for (;;) {
          const { rows } = await c.query(`FETCH ${pageSize} FROM hunt`);
          if (!rows.length) return;
          yield rows.map((r) => ({ seq: Number(r.seq), ts: r.ts, host_id: r.host_id, doc: r.doc }));
        }
      },
      async close() {
        if (!open) return;
        open = false;
        await c.query("ROLLBACK").catch(() => undefined);
        c.release();
      },
    };
  } catch (err) {
    await c.query("ROLLBACK").catch(() => undefined);
    c.release();
    throw err;
  }
}

/** Asks PostgreSQL to cancel the statement running on a backend (a hunt's FETCH). */
export async function cancelBackend(pid: number): Promise<boolean> {
  const { rows } = await pool().query("SELECT pg_cancel_backend($1) AS ok", [pid]);
  return rows[0]?.ok === true;
}

/** The plan PostgreSQL picks for a hunt (tests and the benchmark prove the index path with it). */
export async function explainHunt(q: CompiledQuery, w: HuntWindow, analyze = false): Promise<string> {
  const { sql, params } = huntSelect(q, w);
  const { rows } = await pool().query(`EXPLAIN ${analyze ? "(ANALYZE, BUFFERS) " : ""}${sql}`, params);
  return rows.map((r) => r["QUERY PLAN"]).join("\n");
}

/** The alerts each of the given events belongs to (stored event id → alert ids), within the events' hosts and time span. */
export async function alertsOfEvents(events: { seq: number; hostId: string | null; ts: Date }[]): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  const hosts = [...new Set(events.map((e) => e.hostId).filter((h): h is string => h !== null))];
  if (!hosts.length) return out;
  const times = events.map((e) => e.ts.getTime());
  const { rows } = await pool().query(
    `SELECT a.id, (e->>'id')::bigint AS seq FROM alerts a CROSS JOIN LATERAL jsonb_array_elements(a.events) e
     WHERE a.host_id = ANY($1::text[]) AND a.last_event_at >= $2 AND a.first_event_at <= $3 AND (e->>'id')::bigint = ANY($4::bigint[])`,
    [hosts, new Date(Math.min(...times)), new Date(Math.max(...times)), events.map((e) => e.seq)],
  );
  for (const r of rows) {
    const seq = Number(r.seq);
    out.set(seq, [...(out.get(seq) ?? []), r.id as string]);
  }
  return out;
}
