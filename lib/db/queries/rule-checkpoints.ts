import type pg from "pg";
import { detectionLeaseKey } from "../locks";

/**
 * The detection worker's bookkeeping per rule and host shard: the lease (a session advisory lock),
 * the checkpoint (`rule_checkpoints`: every event with `seq <= checkpoint` has been evaluated), the
 * rule's state (`rule_state`: enabled, run requested) and the executions it records.
 */
type Conn = pg.PoolClient | pg.Pool;

/** Takes the lease of (rule, shard) on this session; false when another worker holds it. */
export async function tryDetectionLease(c: pg.PoolClient, ruleId: string, shard: string): Promise<boolean> {
  const { rows } = await c.query<{ ok: boolean }>("SELECT pg_try_advisory_lock($1) AS ok", [detectionLeaseKey(ruleId, shard)]);
  return rows[0]!.ok;
}

export async function releaseDetectionLease(c: pg.PoolClient, ruleId: string, shard: string): Promise<void> {
  await c.query("SELECT pg_advisory_unlock($1)", [detectionLeaseKey(ruleId, shard)]);
}

export interface CheckpointRow {
  checkpoint: number;
  lastRunAt: Date | null;
  failures: number;
  nextRetryAt: Date | null;
}

/** The checkpoint of (rule, shard), created at the rule's starting point when it has none. */
export async function readCheckpoint(c: Conn, ruleId: string, shard: string): Promise<CheckpointRow> {
  await c.query(
    `INSERT INTO rule_checkpoints (rule_id, shard, checkpoint)
     VALUES ($1, $2, coalesce((SELECT start_seq FROM stored_rules WHERE rule_id = $1), 0)) ON CONFLICT DO NOTHING`,
    [ruleId, shard],
  );
  const { rows } = await c.query<{ checkpoint: string; last_run_at: Date | null; failures: number; next_retry_at: Date | null }>(
    `SELECT checkpoint, last_run_at, failures, next_retry_at FROM rule_checkpoints WHERE rule_id = $1 AND shard = $2`,
    [ruleId, shard],
  );
  const r = rows[0]!;
  return { checkpoint: Number(r.checkpoint), lastRunAt: r.last_run_at, failures: r.failures, nextRetryAt: r.next_retry_at };
}

/** Inside the commit transaction: the checkpoint, locked until commit (a concurrent move is refused by the caller). */
export async function lockCheckpoint(c: pg.PoolClient, ruleId: string, shard: string): Promise<number> {
  const { rows } = await c.query<{ checkpoint: string }>(
    `SELECT checkpoint FROM rule_checkpoints WHERE rule_id = $1 AND shard = $2 FOR UPDATE`,
    [ruleId, shard],
  );
  return Number(rows[0]!.checkpoint);
}

/** Advances the checkpoint after a successful execution and clears the failure backoff. */
export async function advanceCheckpoint(c: pg.PoolClient, ruleId: string, shard: string, checkpoint: number): Promise<void> {
  await c.query(
    `UPDATE rule_checkpoints SET checkpoint = $3, last_run_at = now(), failures = 0, next_retry_at = NULL WHERE rule_id = $1 AND shard = $2`,
    [ruleId, shard, checkpoint],
  );
}

/** An execution that found nothing new: only the time of the last run moves. */
export async function touchCheckpoint(c: Conn, ruleId: string, shard: string): Promise<void> {
  await c.query(`UPDATE rule_checkpoints SET last_run_at = now() WHERE rule_id = $1 AND shard = $2`, [ruleId, shard]);
}

/** A failed execution: exponential backoff (2 s doubling, at most 5 min). */
export async function recordFailure(c: Conn, ruleId: string, shard: string): Promise<void> {
  await c.query(
    `UPDATE rule_checkpoints SET failures = failures + 1,
       next_retry_at = now() + make_interval(secs => least(300, power(2, failures + 1)))
     WHERE rule_id = $1 AND shard = $2`,
    [ruleId, shard],
  );
}

/** A run now request older than `startedAt` is answered by this execution. */
export async function clearRunRequest(c: Conn, ruleId: string, startedAt: Date): Promise<void> {
  await c.query(`UPDATE rule_state SET run_requested_at = NULL WHERE rule_id = $1 AND run_requested_at <= $2`, [ruleId, startedAt]);
}

/** Rules an admin disabled (a rule without a `rule_state` row is enabled). */
export async function listDisabledRuleIds(c: Conn): Promise<Set<string>> {
  const { rows } = await c.query<{ rule_id: string }>(`SELECT rule_id FROM rule_state WHERE NOT enabled`);
  return new Set(rows.map((r) => r.rule_id));
}

/** Rules with a pending Run now request. */
export async function listRunRequestedRuleIds(c: Conn): Promise<Set<string>> {
  const { rows } = await c.query<{ rule_id: string }>(`SELECT rule_id FROM rule_state WHERE run_requested_at IS NOT NULL`);
  return new Set(rows.map((r) => r.rule_id));
}

export interface ExecutionRecord {
  ruleId: string;
  shard: string;
  workerId: string;
  trigger: string;
  startedAt: Date;
  fromSeq: number;
  toSeq: number;
  eventsScanned: number;
  candidates: number;
  alertsCreated: number;
  suppressed: number;
  capped: boolean;
  error: string | null;
}

export async function recordExecution(c: Conn, e: ExecutionRecord): Promise<void> {
  await c.query(
    `INSERT INTO rule_executions (rule_id, shard, worker_id, trigger, started_at, finished_at, duration_ms, from_seq, to_seq,
       events_scanned, candidates, alerts_created, suppressed, capped, error)
     VALUES ($1, $2, $3, $4, $5, now(), $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [e.ruleId, e.shard, e.workerId, e.trigger, e.startedAt, Date.now() - e.startedAt.getTime(), e.fromSeq, e.toSeq,
      e.eventsScanned, e.candidates, e.alertsCreated, e.suppressed, e.capped, e.error],
  );
}

/** Wakes listening workers once the transaction commits. */
export async function notifyAlertsCreated(c: pg.PoolClient): Promise<void> {
  await c.query(`NOTIFY lateral_alerts`);
}
