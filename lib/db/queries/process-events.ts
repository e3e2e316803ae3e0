import type { ProcessEventInput } from "../../process-tree/types";
import { pool } from "../client";

/**
 * Process start events of the event store, read for the process tree. Every query filters on
 * host_id and a ts range first so PostgreSQL uses the (host_id, ts) index.
 */
const COLUMNS = `seq::text as seq, event_id, ts, host_id, host_name, pid, ppid, entity_id, parent_entity_id,
         process_name, executable, command_line, user_name, parent_name,
         doc->'process'->'parent'->>'executable' as parent_executable,
         doc->'process'->'parent'->>'command_line' as parent_command_line`;
const SELECT = `select ${COLUMNS}, doc from events`;
/** The same without the stored document (`doc` comes back empty): see `fillProcessDocs`. */
const SELECT_WITHOUT_DOC = `select ${COLUMNS}, '{}'::jsonb as doc from events`;

const IS_START = `'process' = any(category) and ('start' = any(type) or action in ('start', 'exec', 'fork'))`;

interface Row {
  seq: string;
  event_id: string | null;
  ts: Date;
  host_id: string | null;
  host_name: string | null;
  pid: string | null;
  ppid: string | null;
  entity_id: string | null;
  parent_entity_id: string | null;
  process_name: string | null;
  executable: string | null;
  command_line: string | null;
  user_name: string | null;
  parent_name: string | null;
  parent_executable: string | null;
  parent_command_line: string | null;
  doc: Record<string, unknown>;
}

function toInput(r: Row): ProcessEventInput {
  return {
    seq: r.seq,
    eventId: r.event_id,
    timestamp: r.ts.toISOString(),
    hostId: r.host_id,
    hostName: r.host_name,
    pid: r.pid === null ? null : Number(r.pid),
    ppid: r.ppid === null ? null : Number(r.ppid),
    entityId: r.entity_id,
    parentEntityId: r.parent_entity_id,
    name: r.process_name,
    executable: r.executable,
    commandLine: r.command_line,
    userName: r.user_name,
    parentName: r.parent_name,
    parentExecutable: typeof r.parent_executable === "string" ? r.parent_executable : null,
    parentCommandLine: typeof r.parent_command_line === "string" ? r.parent_command_line : null,
    doc: r.doc,
  };
}

/**
 * Process starts of one host in [from, to], oldest first, at most `limit` (5,000; one more is read to tell truncation).
 * `withDocs: false` leaves each event's document empty, for callers that keep only a few events.
 */
export async function listHostProcessStarts(hostId: string, from: Date, to: Date, opts: { limit?: number; withDocs?: boolean } = {}) {
  const limit = opts.limit ?? 5000;
  const { rows } = await pool().query<Row>(
    `${opts.withDocs === false ? SELECT_WITHOUT_DOC : SELECT} where host_id = $1 and ts >= $2 and ts <= $3 and ${IS_START} order by ts, seq limit $4`,
    [hostId, from, to, limit + 1],
  );
  return { events: rows.slice(0, limit).map(toInput), truncated: rows.length > limit };
}

/** The stored documents of these events of a host in [from, to], by store seq. */
export async function fillProcessDocs(hostId: string, from: Date, to: Date, seqs: string[]): Promise<Map<string, Record<string, unknown>>> {
  if (!seqs.length) return new Map();
  const { rows } = await pool().query<{ seq: string; doc: Record<string, unknown> }>(
    `select seq::text as seq, doc from events where host_id = $1 and ts >= $2 and ts <= $3 and seq = any($4::bigint[])`,
    [hostId, from, to, seqs],
  );
  return new Map(rows.map((r) => [r.seq, r.doc]));
}

/**
 * The start of one process on a host before `before` (and not before `after`): by entity id when
 * known, else the latest start with that pid. Used to walk an alert's ancestors past its window.
 */
export async function findProcessStart(
  hostId: string,
  q: { entityId?: string | null; pid?: number | null },
  after: Date,
  before: Date,
): Promise<ProcessEventInput | null> {
  if (!q.entityId && q.pid == null) return null;
  const byEntity = q.entityId
    ? await pool().query<Row>(
        `${SELECT} where host_id = $1 and ts >= $2 and ts <= $3 and entity_id = $4 and ${IS_START} order by ts limit 1`,
        [hostId, after, before, q.entityId],
      )
    : null;
  if (byEntity?.rows[0]) return toInput(byEntity.rows[0]);
  if (q.pid == null) return null;
  const { rows } = await pool().query<Row>(
    `${SELECT} where host_id = $1 and ts >= $2 and ts < $3 and pid = $4 and ${IS_START} order by ts desc, seq desc limit 1`,
    [hostId, after, before, q.pid],
  );
  return rows[0] ? toInput(rows[0]) : null;
}

/** The most recent event time of a host (for the default window of the host page). */
export async function latestHostEventAt(hostId: string): Promise<{ at: Date; hostName: string | null } | null> {
  const { rows } = await pool().query<{ ts: Date; host_name: string | null }>(
    `select ts, host_name from events where host_id = $1 order by ts desc limit 1`,
    [hostId],
  );
  return rows[0] ? { at: rows[0].ts, hostName: rows[0].host_name } : null;
}
