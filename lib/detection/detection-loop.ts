import type pg from "pg";
import { pool } from "../db/client";
import { committedHighWaterMark } from "../db/queries/detection";
import { listDisabledRuleIds, listRunRequestedRuleIds, readCheckpoint } from "../db/queries/rule-checkpoints";
import { advanceAddressBookFully } from "../movement/advance-address-book";
import type { Rule } from "../rules";
import { runRule, type ExecutionSummary, type RunOptions } from "./run-rule";

/**
 * Which rules run when: enabled rules on their schedule (the rule's interval), at once when asked
 * (Run now), when events arrive (realtime mode), and again at once while work remains (capped or
 * batch-limited executions). Failed rules wait with exponential backoff.
 */
export async function enabledRules(rules: Rule[]): Promise<Rule[]> {
  const disabled = await listDisabledRuleIds(pool());
  return rules.filter((r) => !disabled.has(r.ruleId));
}

export async function runRequested(): Promise<Set<string>> {
  return listRunRequestedRuleIds(pool());
}

export async function isDue(rule: Rule, shard: string, now: Date, eventsArrived: boolean, mode: string) {
  const cp = await readCheckpoint(pool(), rule.ruleId, shard);
  if (cp.nextRetryAt && cp.nextRetryAt > now) return false;
  if (mode === "realtime" && eventsArrived) return true;
  return !cp.lastRunAt || now.getTime() - cp.lastRunAt.getTime() >= rule.intervalMs;
}

export interface OnceSummary {
  highWaterMark: number;
  durationMs: number;
  alertsCreated: number;
  eventsScanned: number;
  rules: { ruleId: string; name: string; executions: number; alertsCreated: number; eventsScanned: number; capped: number; checkpoint: number; evaluatedByOtherWorker: boolean }[];
}

/**
 * `--once`: returns when every event ingested before it started has been evaluated by every
 * enabled rule, by this process or by a concurrently running worker (whose lock it waits out).
 */
export async function runOnce(rules: Rule[], opts: Omit<RunOptions, "trigger">, shouldStop: () => boolean): Promise<OnceSummary> {
  const started = Date.now();
  const c: pg.PoolClient = await pool().connect();
  let target: number;
  try {
    target = await committedHighWaterMark(c);
  } finally {
    c.release();
  }
  // The address book first, so the alerts of this run find the host behind each source address.
  await advanceAddressBookFully(target);
  const shard = opts.shard ?? "all";
  const summary: OnceSummary = { highWaterMark: target, durationMs: 0, alertsCreated: 0, eventsScanned: 0, rules: [] };
  for (const rule of await enabledRules(rules)) {
    const r = { ruleId: rule.ruleId, name: rule.name, executions: 0, alertsCreated: 0, eventsScanned: 0, capped: 0, checkpoint: 0, evaluatedByOtherWorker: false };
    for (;;) {
      if (shouldStop()) break;
      const cp = (await readCheckpoint(pool(), rule.ruleId, shard)).checkpoint;
      r.checkpoint = cp;
      if (cp >= target) break;
      let result: ExecutionSummary | null;
      try {
        result = await runRule(rule, { ...opts, trigger: "once" });
      } catch (err) {
        throw new Error(`${rule.name}: ${(err as Error).message}`, { cause: err });
      }
      if (!result) {
        r.evaluatedByOtherWorker = true;
        await new Promise((res) => setTimeout(res, 200));
        continue;
      }
      r.executions++;
      r.alertsCreated += result.alertsCreated;
      r.eventsScanned += result.eventsScanned;
      if (result.capped) r.capped++;
      r.checkpoint = result.toSeq;
    }
    summary.alertsCreated += r.alertsCreated;
    summary.eventsScanned += r.eventsScanned;
    summary.rules.push(r);
  }
  summary.durationMs = Date.now() - started;
  return summary;
}
