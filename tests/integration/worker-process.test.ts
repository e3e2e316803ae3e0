import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { getWorkerStatus } from "@/lib/health/get-health";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";

/**
 * The long-running worker as its own process in realtime mode: alerts seconds after ingest,
 * honours allowlist entries created, disabled or expired while it runs, answers "Run now", writes
 * its heartbeat and stops cleanly on SIGTERM (health then shows its shard stopped).
 */
let dbh: TestDatabase;
let worker: ChildProcess;
let output = "";
beforeAll(async () => {
  dbh = await openMigratedDatabase("worker");
  // No DETECTION_MODE: the worker a new installation gets (realtime by default).
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: dbh.url };
  delete workerEnv.DETECTION_MODE;
  worker = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
    env: workerEnv,
    stdio: ["ignore", "pipe", "pipe"],
  });
  worker.stdout!.on("data", (d) => (output += d));
  worker.stderr!.on("data", (d) => (output += d));
});
afterAll(async () => {
  if (worker.exitCode === null) worker.kill("SIGKILL");
  await closeMigratedDatabase(dbh);
});

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
const alertsFor = async (host: string) => (await pool().query(`SELECT id FROM alerts WHERE host_name = $1`, [host])).rowCount ?? 0;
const caughtUp = () =>
  waitFor("the worker to catch up", async () => {
    const { rows } = await pool().query(`SELECT min(checkpoint) AS cp, count(*) AS n FROM rule_checkpoints`);
    const hw = (await pool().query(`SELECT coalesce(max(seq), 0) AS hw FROM events`)).rows[0].hw;
    return Number(rows[0].n) === 2 && Number(rows[0].cp) >= Number(hw);
  });

test("realtime: the events' arrival (not the 5-minute schedule) triggers the execution that alerts", async () => {
  await waitFor("the heartbeat", async () => (await pool().query(`SELECT 1 FROM worker_heartbeats`)).rowCount);
  await caughtUp(); // the start-up executions (trigger "schedule") are done; the next one is 5 minutes away
  await ingestDocuments(winrmPair({ host: "RT-1", sourceIp: "10.1.1.1" }).map((doc) => ({ doc })));
  await waitFor("an alert on RT-1", () => alertsFor("RT-1"));
  const { rows } = await pool().query(`SELECT trigger FROM rule_executions WHERE alerts_created > 0`);
  expect(rows.map((r) => r.trigger)).toEqual(["realtime"]);
});

test("a new allowlist entry applies without a restart; disabling or expiring it lifts it", async () => {
  const entry = await db().allowlistEntry.create({
    data: { name: "jump host", ruleId: null, conditions: [{ field: "source.ip", operator: "cidr", values: ["10.50.0.0/16"] }] },
  });
  await ingestDocuments(winrmPair({ host: "AL-1", sourceIp: "10.50.3.4" }).map((doc) => ({ doc })));
  await caughtUp();
  expect(await alertsFor("AL-1")).toBe(0);
  const hit = await db().allowlistEntry.findUniqueOrThrow({ where: { id: entry.id } });
  // The connection was removed from both rules' evaluations (both start with it): two hits.
  expect(Number(hit.hitEvents)).toBe(2);
  expect(hit.lastHitAt).not.toBeNull();

  await db().allowlistEntry.update({ where: { id: entry.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
  await ingestDocuments(winrmPair({ host: "AL-2", sourceIp: "10.50.3.4" }).map((doc) => ({ doc })));
  await waitFor("an alert once the entry expired", () => alertsFor("AL-2"));

  await db().allowlistEntry.update({ where: { id: entry.id }, data: { expiresAt: null, enabled: false } });
  await ingestDocuments(winrmPair({ host: "AL-3", sourceIp: "10.50.3.4" }).map((doc) => ({ doc })));
  await waitFor("an alert once the entry is disabled", () => alertsFor("AL-3"));
});

test("Run now: a requested run is picked up and recorded as manual", async () => {
  const PS = "2772264c-6fb9-4d9d-9014-b416eed21254";
  await pool().query(`INSERT INTO rule_state (rule_id, run_requested_at) VALUES ($1, now()) ON CONFLICT (rule_id) DO UPDATE SET run_requested_at = now()`, [PS]);
  await pool().query(`NOTIFY lateral_run`);
  await waitFor("a manual execution", async () => (await pool().query(`SELECT 1 FROM rule_executions WHERE rule_id = $1 AND trigger = 'manual'`, [PS])).rowCount);
  const { rows } = await pool().query(`SELECT run_requested_at FROM rule_state WHERE rule_id = $1`, [PS]);
  expect(rows[0].run_requested_at).toBeNull();
});

test("SIGTERM stops the worker cleanly; its heartbeat is marked stopped and health shows the shard without a worker", async () => {
  expect((await getWorkerStatus()).shards).toEqual([expect.objectContaining({ shard: "all", state: "running", pid: worker.pid })]);
  const exited = new Promise<number | null>((r) => worker.once("exit", (code) => r(code)));
  worker.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(output).toMatch(/stopped/);
  const status = await getWorkerStatus();
  expect(status.ok).toBe(false);
  expect(status.shards).toEqual([expect.objectContaining({ shard: "all", state: "stopped", pid: worker.pid })]);
});
