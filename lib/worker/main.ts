import crypto from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { closeDb, pool } from "../db/client";
import { openDatabase } from "../db/database";
import { dropExpiredPartitions } from "../db/partitions";
import { backlog } from "../db/queries/detection";
import { listenOn, openNotificationConnection } from "../db/queries/worker";
import { enabledRules, isDue, runOnce, runRequested } from "../detection/detection-loop";
import { runRule } from "../detection/run-rule";
import { env } from "../env";
import { isDatabaseUnavailable } from "../http/errors";
import type { Rule } from "../rules";
import { ruleCatalog } from "../rules/catalog";
import { advanceAddressBook } from "../movement/advance-address-book";
import { startDeliveryLoop } from "../notify/delivery-loop";
import { createBackoff, sleep } from "./backoff";
import { beat, HEARTBEAT_EVERY_MS, markStopped, replaceEarlierWorkers } from "./heartbeat";
import { startListener } from "./listener";

/**
 * The detection worker: its own process (`npm run worker`; `npm start` runs it beside the web
 * server). `--once` evaluates everything ingested before it started and prints a JSON summary.
 * Stops cleanly on SIGTERM/SIGINT (an execution in progress finishes or rolls back as a whole).
 * A database outage of any length is waited out: the loop and the notification connection each
 * retry with one bounded, jittered backoff (lib/worker/backoff.ts), and detection resumes as soon
 * as the database answers again.
 */
const RETENTION_EVERY_MS = 3600_000;

async function main() {
  const { values } = parseArgs({ options: { once: { type: "boolean", default: false } } });
  const handle = await waitForDatabase();
  const e = env();
  const shard = e.WORKER_SHARD ?? "all";
  const workerId = `${os.hostname()}-${process.pid}-${crypto.randomBytes(3).toString("hex")}`;
  const startedAt = new Date();
  // The rule pack and the imported rules, read again at every round (an import or an enabling
  // applies without a restart); each rule that cannot load is reported once.
  const reported = new Set<string>();
  const report = (line: string) => {
    if (!reported.has(line)) console.error(`[worker] ${line}`);
    reported.add(line);
  };
  const loadRules = async () => {
    const catalog = await ruleCatalog();
    for (const err of catalog.errors) report(`rule ${err.path}: ${err.reason}`);
    return catalog.rules;
  };
  let rules = await loadRules();

  let stopping = false;
  let wake: (() => void) | undefined;
  const stop = () => {
    stopping = true;
    wake?.();
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);

  console.error(`[worker] ${workerId} started: ${rules.length} rules, mode ${values.once ? "once" : e.DETECTION_MODE}, shard ${shard}`);
  if (values.once) {
    const summary = await runOnce(rules, { workerId, shard }, () => stopping);
    console.log(JSON.stringify(summary));
    await closeDb();
    await handle.stop();
    return;
  }

  let eventsArrived = false;
  const listener = startListener({
    open: openNotificationConnection,
    listen: (c) => listenOn(c),
    onNotify: (channel) => {
      if (channel === "lateral_events") eventsArrived = true;
      wake?.();
    },
    // Notifications sent while the connection was down are lost: look for work after reconnecting.
    onConnected: () => {
      eventsArrived = true;
      wake?.();
    },
    log: (m) => console.error(`[worker] ${m}`),
  });
  const delivery = startDeliveryLoop({ log: (m) => console.error(`[worker] ${m}`) });
  await listener.ready;
  let lastRetention = 0;
  let lastBeat = 0;
  let replaced = false;
  const pending = new Set<string>(); // rules with work left after their last execution
  const outage = createBackoff({ baseMs: 250, maxMs: 5_000 });

  while (!stopping) {
    const now = new Date();
    let failed = false;
    try {
      if (now.getTime() - lastBeat >= HEARTBEAT_EVERY_MS) {
        const b = await backlog(pool(), rules.map((r) => r.ruleId)).catch(() => null);
        await beat(workerId, startedAt, { mode: e.DETECTION_MODE, shard, rules: rules.length, backlog: b });
        lastBeat = now.getTime();
        if (!replaced) {
          await replaceEarlierWorkers(workerId, shard);
          replaced = true;
        }
      }
      if (now.getTime() - lastRetention >= RETENTION_EVERY_MS) {
        const dropped = await dropExpiredPartitions(pool(), e.RETENTION_DAYS);
        lastRetention = now.getTime();
        if (dropped.length) console.error(`[worker] retention: dropped ${dropped.join(", ")}`);
      }
      rules = await loadRules();
      const arrived = eventsArrived;
      eventsArrived = false;
      await stepAddressBook();
      const requested = await runRequested();
      for (const rule of await enabledRules(rules)) {
        if (stopping) break;
        const manual = requested.has(rule.ruleId);
        if (!manual && !pending.has(rule.ruleId) && !(await isDue(rule, shard, now, arrived, e.DETECTION_MODE))) continue;
        await execute(rule, manual ? "manual" : arrived && e.DETECTION_MODE === "realtime" ? "realtime" : "schedule");
      }
      if (outage.failures > 0) console.error(`[worker] the database answers again`);
      outage.reset();
    } catch (err) {
      failed = true;
      eventsArrived = true; // whatever arrived is looked at once the database answers again
      if (outage.failures === 0) console.error(`[worker] ${(err as Error).message} (retrying with backoff)`);
    }
    if (stopping) break;
    if (failed) {
      await interruptible(outage.next());
    } else if (pending.size === 0) {
      await interruptible(e.DETECTION_MODE === "realtime" ? 1000 : 2000);
    }
  }

  /** The address book (lib/movement): up to a few batches per cycle, so detection is never starved. */
  async function stepAddressBook() {
    const c = await pool().connect();
    try {
      for (let i = 0; i < 5 && !stopping; i++) {
        const s = await advanceAddressBook(c);
        if (s.regrouped) console.error(`[worker] address book: ${s.events} events, ${s.regrouped} alerts regrouped`);
        if (!s.more) break;
      }
    } catch (err) {
      console.error(`[worker] address book: ${(err as Error).message}`);
    } finally {
      c.release();
    }
  }

  function interruptible(ms: number) {
    const ac = new AbortController();
    wake = () => ac.abort();
    return sleep(ms, ac.signal);
  }

  async function execute(rule: Rule, trigger: "manual" | "realtime" | "schedule") {
    try {
      const r = await runRule(rule, { trigger, workerId, shard });
      if (r?.more) pending.add(rule.ruleId);
      else pending.delete(rule.ruleId);
      if (r && (r.alertsCreated || r.eventsScanned)) {
        console.error(`[worker] ${rule.name}: ${r.eventsScanned} events, ${r.alertsCreated} alerts${r.capped ? " (capped)" : ""}`);
      }
    } catch (err) {
      pending.delete(rule.ruleId);
      console.error(`[worker] ${rule.name} failed: ${(err as Error).message} (retrying with backoff)`);
    }
  }

  await listener.stop();
  await delivery.stop();
  await markStopped(workerId).catch(() => undefined);
  await closeDb();
  await handle.stop();
  console.error(`[worker] ${workerId} stopped`);
}

/** Opens the database, waiting with backoff while it cannot be reached (a worker started during an outage). */
async function waitForDatabase() {
  const backoff = createBackoff({ baseMs: 250, maxMs: 5_000 });
  for (;;) {
    try {
      return await openDatabase({ log: (m) => console.error(`[worker] ${m}`) });
    } catch (err) {
      if (!isDatabaseUnavailable(err)) throw err;
      if (backoff.failures === 0) console.error(`[worker] waiting for the database (${(err as Error).message})`);
      await sleep(backoff.next());
    }
  }
}

main().catch((err) => {
  console.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
