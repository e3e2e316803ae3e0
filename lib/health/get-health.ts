import { pool } from "../db/client";
import { pendingMigrations } from "../db/migrate";

/** What /api/health reports: database reachable, migrations current, worker heartbeat age. */
export async function getHealth() {
  const started = Date.now();
  try {
    await pool().query("select 1");
  } catch (err) {
    return { status: "down" as const, database: { ok: false, error: (err as Error).message }, migrations: null, worker: null };
  }
  const pending = await pendingMigrations(pool());
  const { rows } = await pool().query(
    `select worker_id, beat_at, info from worker_heartbeats order by beat_at desc limit 10`,
  );
  const latest = rows[0];
  const ageSeconds = latest ? Math.round((Date.now() - new Date(latest.beat_at).getTime()) / 1000) : null;
  const workerOk = ageSeconds !== null && ageSeconds < 120;
  return {
    status: pending.length === 0 && workerOk ? ("ok" as const) : ("degraded" as const),
    database: { ok: true, latencyMs: Date.now() - started },
    migrations: { current: pending.length === 0, pending },
    worker: {
      ok: workerOk,
      lastHeartbeatAt: latest ? new Date(latest.beat_at).toISOString() : null,
      heartbeatAgeSeconds: ageSeconds,
      workers: rows.map((r) => ({ id: r.worker_id, lastHeartbeatAt: new Date(r.beat_at).toISOString(), ...r.info })),
    },
  };
}
