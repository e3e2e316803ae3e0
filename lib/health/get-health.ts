import type { Actor } from "../auth/actor";
import { can } from "../auth/roles";
import { pendingMigrations } from "../db/migrate";
import { pool } from "../db/client";
import { listHeartbeats, ping, type HeartbeatRow } from "../db/queries/worker";
import type { ServiceContext } from "../service-context";
import { SILENT_AFTER_MS } from "../worker/heartbeat";

/**
 * What /api/health reports. Everyone gets `{"ok": true|false}`; an admin (signed in) or an API key
 * that may read gets the details: database, migrations, this web server's pid, and every expected
 * worker shard with its heartbeat's age and backlog. HTTP status: 503 when the database cannot be
 * reached, else 200 (this web server can serve), whatever the worker's state.
 *
 * Expected shards follow the most recently started worker: `all`, or `0/n` … `n-1/n` for
 * WORKER_SHARD=i/n. A shard is `running` (a heartbeat younger than SILENT_AFTER_MS from a worker that
 * did not stop), `stopped` (its worker stopped cleanly), `silent` (heartbeat too old: killed or
 * hung) or `missing` (no worker ever reported). `ok` needs the database, current migrations and
 * every expected shard running.
 */
export type ShardState = "running" | "stopped" | "silent" | "missing";

export interface ShardHealth {
  shard: string;
  state: ShardState;
  workerId: string | null;
  pid: number | null;
  hostname: string | null;
  lastHeartbeatAt: string | null;
  heartbeatAgeSeconds: number | null;
  backlog: HeartbeatRow["info"]["backlog"];
}

export interface HealthDetails {
  status: "ok" | "degraded" | "down";
  ok: boolean;
  database: { ok: boolean; latencyMs?: number; error?: string };
  migrations: { current: boolean; pending: string[] } | null;
  server: { pid: number; uptimeSeconds: number };
  worker: { ok: boolean; shards: ShardHealth[] } | null;
}

export interface HealthAnswer {
  httpStatus: number;
  body: HealthDetails | { ok: boolean };
}

export function maySeeHealthDetails(actor: Actor | null): boolean {
  if (!actor) return false;
  if (actor.kind === "apikey") return can(actor.role, "read");
  return can(actor.role, "health:details");
}

export async function getHealth(_input: unknown, ctx: ServiceContext): Promise<HealthAnswer> {
  const details = await healthDetails();
  const httpStatus = details.status === "down" ? 503 : 200;
  return { httpStatus, body: maySeeHealthDetails(ctx.actor) ? details : { ok: details.ok } };
}

/** The worker shards alone (the Rules page shows them to every reader). */
export async function getWorkerStatus(): Promise<{ ok: boolean; shards: ShardHealth[] }> {
  const shards = shardHealth(await listHeartbeats(), new Date());
  return { ok: shards.every((s) => s.state === "running"), shards };
}

async function healthDetails(): Promise<HealthDetails> {
  const started = Date.now();
  const server = { pid: process.pid, uptimeSeconds: Math.round(process.uptime()) };
  try {
    await ping();
  } catch (err) {
    return { status: "down", ok: false, database: { ok: false, error: (err as Error).message }, migrations: null, server, worker: null };
  }
  const latencyMs = Date.now() - started;
  const pending = await pendingMigrations(pool());
  const worker = await getWorkerStatus();
  const ok = pending.length === 0 && worker.ok;
  return {
    status: ok ? "ok" : "degraded",
    ok,
    database: { ok: true, latencyMs },
    migrations: { current: pending.length === 0, pending },
    server,
    worker,
  };
}

/** Pure: the expected shards and each one's state, from the heartbeat rows (newest started first). */
export function shardHealth(rows: HeartbeatRow[], now: Date): ShardHealth[] {
  const newest = [...rows].sort((a, b) => b.startedAt.getTime() - a.startedAt.getTime())[0];
  const layout = newest ? /^(\d+)\/(\d+)$/.exec(newest.info.shard) : null;
  const expected = layout ? Array.from({ length: Number(layout[2]) }, (_, i) => `${i}/${layout[2]}`) : ["all"];
  return expected.map((shard) => {
    const latest = rows.filter((r) => r.info.shard === shard).sort((a, b) => b.beatAt.getTime() - a.beatAt.getTime())[0];
    if (!latest) return { shard, state: "missing", workerId: null, pid: null, hostname: null, lastHeartbeatAt: null, heartbeatAgeSeconds: null, backlog: null };
    const ageMs = now.getTime() - latest.beatAt.getTime();
    const state: ShardState = latest.stoppedAt ? "stopped" : ageMs >= SILENT_AFTER_MS ? "silent" : "running";
    return {
      shard,
      state,
      workerId: latest.workerId,
      pid: latest.pid,
      hostname: latest.hostname,
      lastHeartbeatAt: latest.beatAt.toISOString(),
      heartbeatAgeSeconds: Math.max(0, Math.round(ageMs / 1000)),
      backlog: latest.info.backlog,
    };
  });
}
