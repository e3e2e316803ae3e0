import crypto from "node:crypto";
import { pool } from "../db/client";
import {
  affectedHostWindows,
  candidateEvents,
  committedHighWaterMark,
  countRange,
  insertAlert,
  readCheckpoint,
  recordExecution,
  recordFailure,
  shift,
} from "../db/queries/detection";
import { EVENT_COLUMNS } from "../ecs/columns";
import { env } from "../env";
import type { Rule } from "../rules";
import { buildAlert, type MatchedEvent, type NewAlert } from "./build-alert";
import { afterAlertsInserted } from "./after-alerts";
import { loadEventFilter } from "./event-filter";

/**
 * One execution of one rule over the events ingested since its checkpoint (see README.md):
 * new candidate events → affected (host, time ± maxspan) windows → candidate events of those
 * windows through the engine's SQL pushdown → allowlist filter → the sequence state machine →
 * alerts for the sequences that contain a new event, at most max_signals of them, committed
 * together with the advanced checkpoint.
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
  suppressed: number;
  capped: boolean;
  /** More events remain after toSeq (capped, or batch-limited): run again at once. */
  more: boolean;
}

/** null: another worker holds this rule (and shard) right now. */
export async function runRule(rule: Rule, opts: RunOptions): Promise<ExecutionSummary | null> {
  const shard = opts.shard ?? "all";
  const c = await pool().connect();
  const lockKey = lockKeyOf(rule.ruleId, shard);
  let locked = false;
  const startedAt = new Date();
  let fromSeq = 0;
  try {
    locked = (await c.query("SELECT pg_try_advisory_lock($1) AS ok", [lockKey])).rows[0].ok;
    if (!locked) return null;
    await c.query(`UPDATE rule_state SET run_requested_at = NULL WHERE rule_id = $1 AND run_requested_at <= $2`, [rule.ruleId, startedAt]);
    const { checkpoint } = await readCheckpoint(c, rule.ruleId, shard);
    fromSeq = checkpoint;
    const highWaterMark = await committedHighWaterMark(c);
    const toSeq = Math.min(highWaterMark, checkpoint + (opts.batchSize ?? env().DETECTION_BATCH_SIZE));
    if (toSeq <= checkpoint) {
      await c.query(`UPDATE rule_checkpoints SET last_run_at = now() WHERE rule_id = $1 AND shard = $2`, [rule.ruleId, shard]);
      if (opts.trigger === "manual" || opts.trigger === "schedule") {
        await recordExecution(c, {
          ruleId: rule.ruleId, shard, workerId: opts.workerId, trigger: opts.trigger, startedAt, fromSeq: checkpoint, toSeq: checkpoint,
          eventsScanned: 0, candidates: 0, alertsCreated: 0, suppressed: 0, capped: false, error: null,
        });
      }
      return { ruleId: rule.ruleId, fromSeq, toSeq: checkpoint, highWaterMark, eventsScanned: 0, candidates: 0, alertsCreated: 0, suppressed: 0, capped: false, more: false };
    }

    const filter = await loadEventFilter(opts.now?.() ?? new Date(), checkpoint);
    const found = await findSequences(c, rule, { from: checkpoint, to: toSeq }, shard, filter);
    const eventsScanned = await countRange(c, checkpoint, toSeq);

    // Alerts in the order their last event arrived; stop at max_signals on a whole-event boundary.
    found.matches.sort((a, b) => a.key - b.key);
    let created = 0;
    const inserted: NewAlert[] = [];
    let newCheckpoint = toSeq;
    let capped = false;
    await c.query("BEGIN");
    try {
      const current = await c.query(`SELECT checkpoint FROM rule_checkpoints WHERE rule_id = $1 AND shard = $2 FOR UPDATE`, [rule.ruleId, shard]);
      if (Number(current.rows[0].checkpoint) !== checkpoint) throw new Error("checkpoint moved during the execution");
      for (let i = 0; i < found.matches.length; ) {
        const key = found.matches[i].key;
        const group: NewAlert[] = [];
        while (i < found.matches.length && found.matches[i].key === key) group.push(found.matches[i++].alert);
        if (created > 0 && created + group.length > rule.maxSignals) {
          capped = true;
          newCheckpoint = key - 1;
          break;
        }
        for (const a of group) if (await insertAlert(c, a)) inserted.push(a);
        created = inserted.length;
      }
      await afterAlertsInserted(c, inserted);
      await c.query(
        `UPDATE rule_checkpoints SET checkpoint = $3, last_run_at = now(), failures = 0, next_retry_at = NULL WHERE rule_id = $1 AND shard = $2`,
        [rule.ruleId, shard, newCheckpoint],
      );
      await recordExecution(c, {
        ruleId: rule.ruleId, shard, workerId: opts.workerId, trigger: opts.trigger, startedAt, fromSeq: checkpoint, toSeq: newCheckpoint,
        eventsScanned, candidates: found.candidates, alertsCreated: created, suppressed: found.suppressed, capped, error: null,
      });
      if (created) await c.query(`NOTIFY lateral_alerts`);
      await c.query("COMMIT");
    } catch (err) {
      await c.query("ROLLBACK").catch(() => undefined);
      throw err;
    }
    await found.onCommitted().catch((err) => console.error(`[worker] allowlist hit counts not recorded: ${(err as Error).message}`));
    return {
      ruleId: rule.ruleId, fromSeq: checkpoint, toSeq: newCheckpoint, highWaterMark, eventsScanned, candidates: found.candidates,
      alertsCreated: created, suppressed: found.suppressed, capped, more: newCheckpoint < highWaterMark,
    };
  } catch (err) {
    if (locked) {
      await recordFailure(pool(), rule.ruleId, shard).catch(() => undefined);
      await recordExecution(pool(), {
        ruleId: rule.ruleId, shard, workerId: opts.workerId, trigger: opts.trigger, startedAt, fromSeq, toSeq: fromSeq,
        eventsScanned: 0, candidates: 0, alertsCreated: 0, suppressed: 0, capped: false, error: (err as Error).message,
      }).catch(() => undefined);
    }
    throw err;
  } finally {
    if (locked) await c.query("SELECT pg_advisory_unlock($1)", [lockKey]).catch(() => undefined);
    c.release();
  }
}

function lockKeyOf(ruleId: string, shard: string): string {
  // A signed 64-bit advisory lock key from the rule and shard.
  return crypto.createHash("sha256").update(`detect:${ruleId}:${shard}`).digest().readBigInt64BE(0).toString();
}

interface Found {
  matches: { key: number; alert: NewAlert }[];
  candidates: number;
  suppressed: number;
  onCommitted(): Promise<void>;
}

async function findSequences(
  c: import("pg").PoolClient,
  rule: Rule,
  range: { from: number; to: number },
  shard: string,
  filter: Awaited<ReturnType<typeof loadEventFilter>>,
): Promise<Found> {
  const q = rule.compiled;
  const parts = q.kind === "sequence" ? [...q.stages, ...(q.until ? [q.until] : [])] : [q];
  let offset = 0;
  const sqls: string[] = [];
  const params: unknown[] = [];
  for (const p of parts) {
    const f = p.toSql({ columns: EVENT_COLUMNS, docColumn: "doc", paramOffset: 0 });
    sqls.push(`(${shift(f.sql, offset)})`);
    params.push(...f.params);
    offset += f.params.length;
  }
  const candidate = { sql: sqls.join(" OR "), params };
  // Each new candidate is replayed with 2 × maxspan of context on both sides (README: why that is
  // exact); candidates closer than twice that share one window.
  const marginMs = q.kind === "sequence" ? (q.maxspanMs === null ? null : 2 * q.maxspanMs) : 0;
  const windows = await affectedHostWindows(c, range, candidate, shard, marginMs === null ? null : 2 * marginMs);

  const matches: Found["matches"] = [];
  let candidates = 0;
  const meta = new WeakMap<object, MatchedEvent>();
  let currentHost: string | null = null;
  let matcher = q.kind === "sequence" ? q.createSequenceMatcher() : null;
  for await (const page of candidateEvents(c, windows, marginMs, range.to, candidate)) {
    for (const row of page) {
      candidates++;
      if (filter.match(rule.ruleId, row.doc, row.seq)) continue;
      const ev: MatchedEvent = { seq: row.seq, ts: row.ts, doc: row.doc, enrichments: row.enrichments ?? [] };
      if (q.kind !== "sequence") {
        if (row.seq > range.from && q.matches(row.doc)) matches.push({ key: row.seq, alert: buildAlert(rule, [ev]) });
        continue;
      }
      if (row.host_id !== currentHost) {
        currentHost = row.host_id;
        matcher = q.createSequenceMatcher();
      }
      meta.set(row.doc, ev);
      for (const m of matcher!.push(row.doc)) {
        const events = m.events.map((d) => meta.get(d as object)!);
        const key = Math.max(...events.map((e) => e.seq));
        if (key > range.from) matches.push({ key, alert: buildAlert(rule, events) });
      }
    }
  }
  return { matches, candidates, suppressed: filter.suppressedCount(), onCommitted: filter.flushHits };
}
