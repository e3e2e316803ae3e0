import { pool } from "../db/client";
import { committedHighWaterMark, countRange } from "../db/queries/detection";
import {
  advanceCheckpoint,
  clearRunRequest,
  lockCheckpoint,
  notifyAlertsCreated,
  readCheckpoint,
  recordExecution,
  recordFailure,
  releaseDetectionLease,
  touchCheckpoint,
  tryDetectionLease,
} from "../db/queries/rule-checkpoints";
import { inPgTransaction } from "../db/transaction";
import { env } from "../env";
import type { Rule } from "../rules";
import { afterAlertsInserted } from "./after-alerts";
import type { NewAlert } from "./build-alert";
import { loadEventFilter } from "./event-filter";
import { findSequences } from "./find-sequences";
import { storeAlert } from "./store-alerts";
import { isDatabaseUnavailable } from "../http/errors";

/**
 * One execution of one rule over the events ingested since its checkpoint (see README.md): the
 * sequences that contain a new event (`findSequences`), stored as alerts or as corroboration of the
 * alert of the same activity, at most max_signals new alerts, committed together with the advanced
 * checkpoint.
 */
export interface RunOptions {
  shard?: string;
  trigger: "schedule" | "manual" | "realtime" | "once";
  workerId: string;
  /** At most this many ingested events per execution (later ones wait for the next). */
  batchSize?: number;
  now?: () => Date;
}

export interface ExecutionSummary {
  ruleId: string;
  fromSeq: number;
  toSeq: number;
  highWaterMark: number;
  eventsScanned: number;
  candidates: number;
  alertsCreated: number;
  /** Sequences added to the alert of the same activity (another telemetry source) instead of a new alert. */
  corroborated: number;
  suppressed: number;
  capped: boolean;
  /** More events remain after toSeq (capped, or batch-limited): run again at once. */
  more: boolean;
}

/** null: another worker holds this rule (and shard) right now. */
export async function runRule(rule: Rule, opts: RunOptions): Promise<ExecutionSummary | null> {
  const shard = opts.shard ?? "all";
  const c = await pool().connect();
  let locked = false;
  const startedAt = new Date();
  let fromSeq = 0;
  const base = { ruleId: rule.ruleId, shard, workerId: opts.workerId, trigger: opts.trigger, startedAt };
  try {
    locked = await tryDetectionLease(c, rule.ruleId, shard);
    if (!locked) return null;
    await clearRunRequest(c, rule.ruleId, startedAt);
    const { checkpoint } = await readCheckpoint(c, rule.ruleId, shard);
    fromSeq = checkpoint;
    const highWaterMark = await committedHighWaterMark(c);
    const toSeq = Math.min(highWaterMark, checkpoint + (opts.batchSize ?? env().DETECTION_BATCH_SIZE));
    const nothing = { eventsScanned: 0, candidates: 0, alertsCreated: 0, corroborated: 0, suppressed: 0, capped: false };
    if (toSeq <= checkpoint) {
      await touchCheckpoint(c, rule.ruleId, shard);
      if (opts.trigger === "manual" || opts.trigger === "schedule") {
        await recordExecution(c, { ...base, ...nothing, fromSeq: checkpoint, toSeq: checkpoint, error: null });
      }
      return { ruleId: rule.ruleId, fromSeq, toSeq: checkpoint, highWaterMark, ...nothing, more: false };
    }

    const filter = await loadEventFilter(opts.now?.() ?? new Date(), checkpoint);
    const found = await findSequences(c, rule, { from: checkpoint, to: toSeq }, shard, filter);
    const eventsScanned = await countRange(c, checkpoint, toSeq);

    // Alerts in the order their last event arrived; stop at max_signals on a whole-event boundary.
    found.matches.sort((a, b) => a.key - b.key);
    const inserted: NewAlert[] = [];
    let corroborated = 0;
    let newCheckpoint = toSeq;
    let capped = false;
    await inPgTransaction(c, async () => {
      if ((await lockCheckpoint(c, rule.ruleId, shard)) !== checkpoint) throw new Error("checkpoint moved during the execution");
      for (let i = 0; i < found.matches.length; ) {
        const key = found.matches[i]!.key;
        const group: NewAlert[] = [];
        while (i < found.matches.length && found.matches[i]!.key === key) group.push(found.matches[i++]!.alert);
        if (inserted.length > 0 && inserted.length + group.length > rule.maxSignals) {
          capped = true;
          newCheckpoint = key - 1;
          break;
        }
        for (const a of group) {
          const outcome = await storeAlert(c, a);
          if (outcome === "created") inserted.push(a);
          else if (outcome === "corroborated") corroborated++;
        }
      }
      await afterAlertsInserted(c, inserted);
      await advanceCheckpoint(c, rule.ruleId, shard, newCheckpoint);
      await recordExecution(c, {
        ...base, fromSeq: checkpoint, toSeq: newCheckpoint, eventsScanned, candidates: found.candidates,
        alertsCreated: inserted.length, suppressed: found.suppressed, capped, error: null,
      });
      if (inserted.length) await notifyAlertsCreated(c);
    });
    await found.onCommitted().catch((err) => console.error(`[worker] allowlist hit counts not recorded: ${(err as Error).message}`));
    return {
      ruleId: rule.ruleId, fromSeq: checkpoint, toSeq: newCheckpoint, highWaterMark, eventsScanned, candidates: found.candidates,
      alertsCreated: inserted.length, corroborated, suppressed: found.suppressed, capped, more: newCheckpoint < highWaterMark,
    };
  } catch (err) {
    // The database going away is not the rule's failure: no backoff, so detection resumes as soon
    // as it answers again (the worker's own loop waits out the outage).
    if (locked && !isDatabaseUnavailable(err)) {
      await recordFailure(pool(), rule.ruleId, shard).catch(() => undefined);
      await recordExecution(pool(), {
        ...base, fromSeq, toSeq: fromSeq, eventsScanned: 0, candidates: 0, alertsCreated: 0, suppressed: 0, capped: false,
        error: (err as Error).message,
      }).catch(() => undefined);
    }
    throw err;
  } finally {
    if (locked) await releaseDetectionLease(c, rule.ruleId, shard).catch(() => undefined);
    c.release();
  }
}
