import pg from "pg";
import { db, databaseUrl, type Tx } from "../client";

/**
 * The worker's liveness rows (`worker_heartbeats`, read by health) and its notification
 * connection. Each function accepts the caller's transaction.
 */
type Client = Tx | ReturnType<typeof db>;
const client = (tx?: Tx): Client => tx ?? db();

/** What a worker reports with each beat (worker_heartbeats.info). */
export interface HeartbeatInfo {
  mode: string;
  shard: string;
  rules: number;
  backlog: { pendingEvents: number; oldestPendingAgeSeconds: number | null } | null;
}

export interface HeartbeatRow {
  workerId: string;
  pid: number;
  hostname: string;
  startedAt: Date;
  beatAt: Date;
  stoppedAt: Date | null;
  info: HeartbeatInfo;
}

export async function upsertHeartbeat(row: { workerId: string; pid: number; hostname: string; startedAt: Date; info: HeartbeatInfo }, tx?: Tx) {
  const now = new Date();
  const info = { ...row.info };
  await client(tx).workerHeartbeat.upsert({
    where: { workerId: row.workerId },
    create: { ...row, info, beatAt: now },
    update: { beatAt: now, info, pid: row.pid, stoppedAt: null },
  });
}

export async function markHeartbeatStopped(workerId: string, tx?: Tx) {
  await client(tx).workerHeartbeat.updateMany({ where: { workerId }, data: { stoppedAt: new Date() } });
}

/** Rows of earlier workers of `shard` that are stopped or silent since `silentSince`: replaced by a new one. */
export async function deleteReplacedHeartbeats(shard: string, exceptWorkerId: string, silentSince: Date, tx?: Tx) {
  await client(tx).workerHeartbeat.deleteMany({
    where: {
      workerId: { not: exceptWorkerId },
      info: { path: ["shard"], equals: shard },
      OR: [{ stoppedAt: { not: null } }, { beatAt: { lt: silentSince } }],
    },
  });
}

export async function listHeartbeats(tx?: Tx): Promise<HeartbeatRow[]> {
  const rows = await client(tx).workerHeartbeat.findMany({ orderBy: [{ startedAt: "desc" }, { workerId: "asc" }] });
  return rows.map((r) => ({ ...r, info: decodeHeartbeatInfo(r.info) }));
}

/** The info column, checked: rows written by an older worker may lack fields. */
export function decodeHeartbeatInfo(raw: unknown): HeartbeatInfo {
  const o = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const b = o.backlog && typeof o.backlog === "object" ? (o.backlog as Record<string, unknown>) : null;
  return {
    mode: typeof o.mode === "string" ? o.mode : "unknown",
    shard: typeof o.shard === "string" ? o.shard : "all",
    rules: typeof o.rules === "number" ? o.rules : 0,
    backlog:
      b && typeof b.pendingEvents === "number"
        ? { pendingEvents: b.pendingEvents, oldestPendingAgeSeconds: typeof b.oldestPendingAgeSeconds === "number" ? b.oldestPendingAgeSeconds : null }
        : null,
  };
}

/** A database round trip, for health. */
export async function ping(tx?: Tx) {
  await client(tx).$queryRaw`SELECT 1`;
}

// ---------------------------------------------------------------- notifications

export const NOTIFY_CHANNELS = ["lateral_events", "lateral_run"] as const;

/** A connection of its own for LISTEN (not from the pool): closed by the caller. */
export function openNotificationConnection(): pg.Client {
  return new pg.Client({ connectionString: databaseUrl(), connectionTimeoutMillis: 10_000, keepAlive: true });
}

export async function listenOn(connection: { query(sql: string): Promise<unknown> }, channels: readonly string[] = NOTIFY_CHANNELS) {
  for (const ch of channels) {
    if (!/^[a-z_]+$/.test(ch)) throw new Error(`bad channel name ${ch}`);
    await connection.query(`LISTEN ${ch}`);
  }
}
