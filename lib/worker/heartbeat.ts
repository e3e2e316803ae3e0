import os from "node:os";
import { pool } from "../db/client";

/** The worker's liveness row, read by /api/health and the Rules page. */
export async function beat(workerId: string, startedAt: Date, info: Record<string, unknown> = {}) {
  await pool().query(
    `insert into worker_heartbeats (worker_id, pid, hostname, started_at, beat_at, info)
     values ($1, $2, $3, $4, now(), $5)
     on conflict (worker_id) do update set beat_at = now(), info = excluded.info, pid = excluded.pid`,
    [workerId, process.pid, os.hostname(), startedAt, info],
  );
}

export async function removeHeartbeat(workerId: string) {
  await pool().query(`delete from worker_heartbeats where worker_id = $1`, [workerId]);
}
