import crypto from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { closeDb, pool } from "../db/client";
import { openDatabase } from "../db/database";
import { dropExpiredPartitions } from "../db/partitions";
import { backlog } from "../db/queries/detection";
import { enabledRules, isDue, runOnce, runRequested } from "../detection/detection-loop";
import { runRule } from "../detection/run-rule";
import { env } from "../env";
import type { Rule } from "../rules";
import { ruleCatalog } from "../rules/catalog";
import { advanceAddressBook } from "../movement/advance-address-book";
import { startDeliveryLoop } from "../notify/delivery-loop";
import { loadHuntRules } from "../hunt/hunt-rules";
import { beat, removeHeartbeat } from "./heartbeat";

/**
 * The detection worker: its own process (`npm run worker`; `npm start` runs it beside the web
 * server). `--once` evaluates everything ingested before it started and prints a JSON summary.
 * Stops cleanly on SIGTERM/SIGINT (an execution in progress finishes or rolls back as a whole).
 */
const RETENTION_EVERY_MS = 3600_000;

async function main() {
  const { values } = parseArgs({ options: { once: { type: "boolean", default: false } } });
  const handle = await openDatabase({ log: (m) => console.error(`[worker] ${m}`) });
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
    // Saved hunts made into rules join them (lib/hunt/README.md).
    return [...catalog.rules, ...(await loadHuntRules(shard, (m) => report(m)))];
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

  if (values.once) {
    const summary = await runOnce(rules, { workerId, shard }, () => stopping);
    console.log(JSON.stringify(summary));
    await closeDb();
    await handle.stop();
    return;
  }

  console.error(`[worker] ${workerId} started: ${rules.length} rules, mode ${e.DETECTION_MODE}, shard ${shard}`);
  let eventsArrived = false;
  const listener = await listen(["lateral_events", "lateral_run"], (channel) => {
    if (channel === "lateral_events") eventsArrived = true;
    wake?.();
  });
  const delivery = startDeliveryLoop({ log: (m) => console.error(`[worker] ${m}`) });
  let lastRetention = 0;
  let lastBeat = 0;
  const pending = new Set<string>(); // rules with work left after their last execution

  while (!stopping) {
    const now = new Date();
    try {
      if (now.getTime() - lastBeat >= 5000) {
        lastBeat = now.getTime();
        const b = await backlog(pool(), rules.map((r) => r.ruleId)).catch(() => null);
        await beat(workerId, startedAt, { mode: e.DETECTION_MODE, shard, rules: rules.length, backlog: b });
      }
      if (now.getTime() - lastRetention >= RETENTION_EVERY_MS) {
        lastRetention = now.getTime();
        const dropped = await dropExpiredPartitions(pool(), e.RETENTION_DAYS);
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
    } catch (err) {
      console.error(`[worker] ${(err as Error).message}`);
    }
    if (!stopping && pending.size === 0) {
      await new Promise<void>((resolve) => {
        wake = resolve;
        setTimeout(resolve, e.DETECTION_MODE === "realtime" ? 1000 : 2000);
      });
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

  await listener.end().catch(() => undefined);
  await delivery.stop();
  await removeHeartbeat(workerId).catch(() => undefined);
  await closeDb();
  await handle.stop();
  console.error(`[worker] ${workerId} stopped`);
}

/** LISTEN on a dedicated connection, reconnecting when the database restarts. */
async function listen(channels: string[], onNotify: (channel: string) => void) {
  let client: pg.Client | null = null;
  let ended = false;
  const connect = async () => {
    while (!ended) {
      try {
        client = new pg.Client({ connectionString: process.env.DATABASE_URL });
        client.on("notification", (n) => onNotify(n.channel));
        client.on("error", () => undefined);
        client.on("end", () => {
          if (!ended) setTimeout(() => void connect(), 1000);
        });
        await client.connect();
        for (const ch of channels) await client.query(`LISTEN ${ch}`);
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  };
  await connect();
  return {
    end: async () => {
      ended = true;
      await client?.end();
    },
  };
}

main().catch((err) => {
  console.error(`[worker] ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
