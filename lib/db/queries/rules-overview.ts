import { pool, type Tx } from "../client";

/** What the Rules page shows per rule: state, checkpoints, executions, backlog and alert counts. */
export async function listRuleStates() {
  const { rows } = await pool().query(`select rule_id, enabled, run_requested_at, updated_at, updated_by from rule_state`);
  return new Map(
    rows.map((r) => [
      r.rule_id as string,
      { enabled: r.enabled as boolean, runRequestedAt: r.run_requested_at as Date | null, updatedAt: r.updated_at as Date, updatedBy: r.updated_by as string | null },
    ]),
  );
}

/** The lowest checkpoint of each rule over its shards (every event at or below it is evaluated). */
export async function lowestCheckpoints() {
  const { rows } = await pool().query(
    `select rule_id, min(checkpoint)::text as checkpoint, max(last_run_at) as last_run_at, max(failures)::int as failures
       from rule_checkpoints group by rule_id`,
  );
  return new Map(rows.map((r) => [r.rule_id as string, { checkpoint: BigInt(r.checkpoint), lastRunAt: r.last_run_at as Date | null, failures: r.failures as number }]));
}

/** Events after a checkpoint: a count capped at `cap` (so a huge backlog stays cheap) and the oldest ingest time. */
export async function backlogAfter(seq: bigint, cap = 100_000) {
  const [count, oldest] = await Promise.all([
    pool().query(`select count(*)::int as n from (select 1 from events where seq > $1 and detectable limit $2) b`, [seq.toString(), cap + 1]),
    pool().query(`select ingested_at from events where seq > $1 and detectable order by seq limit 1`, [seq.toString()]),
  ]);
  const n = count.rows[0].n as number;
  return { count: Math.min(n, cap), capped: n > cap, oldestIngestedAt: (oldest.rows[0]?.ingested_at as Date | undefined) ?? null };
}

export async function alertCountsByRule() {
  const { rows } = await pool().query(
    `select rule_id, status, count(*)::int as n, count(*) filter (where closing_reason = 'false_positive')::int as fp,
            count(*) filter (where closing_reason = 'allowlisted')::int as allowlisted
       from alerts group by rule_id, status`,
  );
  return rows as { rule_id: string; status: string; n: number; fp: number; allowlisted: number }[];
}

export interface ExecutionRow {
  id: string;
  ruleId: string;
  workerId: string | null;
  shard: string;
  trigger: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  fromSeq: string;
  toSeq: string;
  eventsScanned: number;
  candidates: number;
  alertsCreated: number;
  suppressed: number;
  capped: boolean;
  error: string | null;
}

export async function listRuleExecutions(ruleId: string, limit = 50): Promise<ExecutionRow[]> {
  const { rows } = await pool().query(
    `select id::text, rule_id, worker_id, shard, trigger, started_at, finished_at, duration_ms, from_seq::text, to_seq::text,
            events_scanned, candidates, alerts_created, suppressed, capped, error
       from rule_executions where rule_id = $1 order by started_at desc, id desc limit $2`,
    [ruleId, limit],
  );
  return rows.map((r) => ({
    id: r.id,
    ruleId: r.rule_id,
    workerId: r.worker_id,
    shard: r.shard,
    trigger: r.trigger,
    startedAt: (r.started_at as Date).toISOString(),
    finishedAt: r.finished_at ? (r.finished_at as Date).toISOString() : null,
    durationMs: r.duration_ms,
    fromSeq: r.from_seq,
    toSeq: r.to_seq,
    eventsScanned: r.events_scanned,
    candidates: r.candidates,
    alertsCreated: r.alerts_created,
    suppressed: r.suppressed,
    capped: r.capped,
    error: r.error,
  }));
}

/** Sets `enabled`, creating the row when the rule has none. */
export async function setRuleEnabled(tx: Tx, ruleId: string, enabled: boolean, by: string): Promise<void> {
  await tx.ruleState.upsert({
    where: { ruleId },
    create: { ruleId, enabled, updatedBy: by },
    update: { enabled, updatedBy: by },
  });
}

/** Asks the worker to run a rule now: sets run_requested_at and wakes it (NOTIFY, delivered at commit). */
export async function requestRuleRun(tx: Tx, ruleId: string, by: string): Promise<Date> {
  const now = new Date();
  const row = await tx.ruleState.upsert({
    where: { ruleId },
    create: { ruleId, runRequestedAt: now, updatedBy: by },
    update: { runRequestedAt: now, updatedBy: by },
  });
  await tx.$executeRaw`SELECT pg_notify('lateral_run', ${ruleId})`;
  return row.runRequestedAt ?? now;
}
