import type { Tx } from "../client";
import { query } from "../sql";

/** What the Rules page shows per rule: state, checkpoints, executions, backlog and alert counts. */
export async function listRuleStates() {
  const rows = await query<{ rule_id: string; enabled: boolean; run_requested_at: Date | null; updated_at: Date; updated_by: string | null }>(
    `select rule_id, enabled, run_requested_at, updated_at, updated_by from rule_state`,
  );
  return new Map(rows.map((r) => [r.rule_id, { enabled: r.enabled, runRequestedAt: r.run_requested_at, updatedAt: r.updated_at, updatedBy: r.updated_by }]));
}

/**
 * The lowest checkpoint of each rule over its shards (every event at or below it is evaluated); an
 * imported rule the worker has not run yet starts where it was enabled.
 */
export async function lowestCheckpoints() {
  const rows = await query<{ rule_id: string; checkpoint: string; last_run_at: Date | null; failures: number }>(
    `select rule_id, min(checkpoint)::text as checkpoint, max(last_run_at) as last_run_at, max(failures)::int as failures
       from rule_checkpoints group by rule_id
     union all
     select rule_id, start_seq::text, null, 0 from stored_rules s
      where start_seq is not null and not exists (select 1 from rule_checkpoints c where c.rule_id = s.rule_id)`,
  );
  return new Map(rows.map((r) => [r.rule_id, { checkpoint: BigInt(r.checkpoint), lastRunAt: r.last_run_at, failures: r.failures }]));
}

/** Events after a checkpoint: a count capped at `cap` (so a huge backlog stays cheap) and the oldest ingest time. */
export async function backlogAfter(seq: bigint, cap = 100_000) {
  const [count, oldest] = await Promise.all([
    query<{ n: number }>(`select count(*)::int as n from (select 1 from events where seq > $1 and detectable limit $2) b`, [seq.toString(), cap + 1]),
    query<{ ingested_at: Date }>(`select ingested_at from events where seq > $1 and detectable order by seq limit 1`, [seq.toString()]),
  ]);
  const n = count[0]?.n ?? 0;
  return { count: Math.min(n, cap), capped: n > cap, oldestIngestedAt: oldest[0]?.ingested_at ?? null };
}

export async function alertCountsByRule() {
  return query<{ rule_id: string; status: string; n: number; fp: number; allowlisted: number }>(
    `select rule_id, status, count(*)::int as n, count(*) filter (where closing_reason = 'false_positive')::int as fp,
            count(*) filter (where closing_reason = 'allowlisted')::int as allowlisted
       from alerts group by rule_id, status`,
  );
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

interface ExecutionDbRow {
  id: string;
  rule_id: string;
  worker_id: string | null;
  shard: string;
  trigger: string;
  started_at: Date;
  finished_at: Date | null;
  duration_ms: number | null;
  from_seq: string;
  to_seq: string;
  events_scanned: number;
  candidates: number;
  alerts_created: number;
  suppressed: number;
  capped: boolean;
  error: string | null;
}

export async function listRuleExecutions(ruleId: string, limit = 50): Promise<ExecutionRow[]> {
  const rows = await query<ExecutionDbRow>(
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
    startedAt: r.started_at.toISOString(),
    finishedAt: r.finished_at?.toISOString() ?? null,
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
export async function setRuleEnabled(ruleId: string, enabled: boolean, by: string, tx: Tx): Promise<void> {
  await tx.ruleState.upsert({
    where: { ruleId },
    create: { ruleId, enabled, updatedBy: by },
    update: { enabled, updatedBy: by },
  });
}

/** Asks the worker to run a rule now: sets run_requested_at and wakes it (NOTIFY, delivered at commit). */
export async function requestRuleRun(ruleId: string, by: string, tx: Tx): Promise<Date> {
  const now = new Date();
  const row = await tx.ruleState.upsert({
    where: { ruleId },
    create: { ruleId, runRequestedAt: now, updatedBy: by },
    update: { runRequestedAt: now, updatedBy: by },
  });
  await tx.$executeRaw`SELECT pg_notify('lateral_run', ${ruleId})`;
  return row.runRequestedAt ?? now;
}
