import type pg from "pg";
import { EVENT_COLUMNS } from "../../ecs/columns";
import { indexConditionSql, type CompiledQuery } from "../../eql";
import { pool } from "../client";
import { shift } from "./detection";

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

/** The WHERE clause of a hunt over the window: time (and host, address), the index path, the engine's pushdown. */
export function huntWhere(q: CompiledQuery, w: HuntWindow): { sql: string; params: unknown[] } {
  const params: unknown[] = [w.from, w.to];
  const where = ["ts >= $1", "ts <= $2"];
  if (w.hostId !== undefined) {
    params.push(w.hostId);
    where.push(`host_id = $${params.length}`);
  }
  if (w.ip !== undefined) {
    params.push(w.ip);
    where.push(`(source_ip = $${params.length}::inet OR destination_ip = $${params.length}::inet)`);
  }
  const index = indexConditionSql(q, { columns: EVENT_COLUMNS, paramOffset: params.length, foldedColumns: FOLDED_INDEX_FIELDS });
  if (index) {
    where.push(index.sql);
    params.push(...index.params);
  }
  const pushdown = q.toSql({ columns: EVENT_COLUMNS, docColumn: "doc", paramOffset: 0 });
  where.push(`(${shift(pushdown.sql, params.length)})`);
  params.push(...pushdown.params);
  return { sql: where.join(" AND "), params };
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
    const { sql, params } = huntWhere(q, w);
    await c.query(`DECLARE hunt NO SCROLL CURSOR FOR SELECT seq, ts, host_id, doc FROM events WHERE ${sql} ORDER BY ts, seq`, params);
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
export async function explainHunt(q: CompiledQuery, w: HuntWindow): Promise<string> {
  const { sql, params } = huntWhere(q, w);
  const { rows } = await pool().query(`EXPLAIN SELECT seq, ts, host_id, doc FROM events WHERE ${sql} ORDER BY ts, seq`, params);
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
