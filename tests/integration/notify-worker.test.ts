import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { db, pool } from "@/lib/db/client";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { createDestination } from "@/lib/notify/create-destination";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { signatureValid, startHttpReceiver, type HttpReceiver } from "@/tests/helpers/receivers";

/**
 * The worker process delivering: seconds from ingest to the webhook in realtime mode, and kill -9
 * in the middle of a delivery loses nothing: the next worker sends the message again under the
 * same id once the lease runs out, and the attempts stay bounded.
 */
const NOTIFY_ENV = {
  NOTIFY_SECRET_KEY: "b".repeat(64),
  NOTIFY_TIMEOUT_SECONDS: "2",
  NOTIFY_BATCH_SIZE: "16",
  NOTIFY_CONCURRENCY: "16",
  NOTIFY_MAX_ATTEMPTS: "5",
  NOTIFY_RETRY_BASE_SECONDS: "1",
};
let dbh: TestDatabase;
let rx: HttpReceiver;
let secret: string;
const workers: ChildProcess[] = [];
let output = "";

function startWorker(): ChildProcess {
  const w = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
    env: { ...process.env, ...NOTIFY_ENV, DATABASE_URL: dbh.url, DETECTION_MODE: "realtime" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  w.stdout!.on("data", (d) => (output += d));
  w.stderr!.on("data", (d) => (output += d));
  workers.push(w);
  return w;
}

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false> | T, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  Object.assign(process.env, NOTIFY_ENV);
  dbh = await openMigratedDatabase("notifyworker");
  rx = await startHttpReceiver();
  secret = (await createDestination({ name: "SOAR", kind: "webhook", settings: { url: `${rx.url}/soar` } }, { actor: systemActor("test") })).signingSecret!;
});
afterAll(async () => {
  for (const w of workers) if (w.exitCode === null) w.kill("SIGKILL");
  await rx?.close();
  await closeMigratedDatabase(dbh);
});

test("realtime: the webhook has the alert seconds after its events are ingested", async () => {
  const w = startWorker();
  await waitFor("the heartbeat", async () => (await pool().query(`SELECT 1 FROM worker_heartbeats`)).rowCount);
  const started = Date.now();
  await ingestDocuments(winrmPair({ host: "RTN-1", sourceIp: "10.3.3.3" }).map((doc) => ({ doc })));
  const [r] = await rx.waitFor(1);
  const alert = await db().alert.findFirstOrThrow({ where: { hostName: "RTN-1" } });
  expect(r.at - started).toBeLessThan(10_000);
  expect(signatureValid(secret, r.body, r.headers["x-lateral-signature"])).toBe(true);
  expect(r.json).toMatchObject({ type: "alert", alert: { id: alert.id, host: { name: "RTN-1" } } });

  // SIGTERM: detection and delivery stop cleanly.
  const code = await new Promise<number | null>((resolve) => (w.once("exit", resolve), w.kill("SIGTERM")));
  expect(code).toBe(0);
});

test("kill -9 of the worker mid-delivery: the next worker sends it again, same id, attempts bounded", async () => {
  rx.requests.length = 0;
  rx.attempts.length = 0;
  rx.behave({ status: 200, delayMs: 60_000 }); // the receiver takes the request and does not answer
  const w1 = startWorker();
  await waitFor("the heartbeat", async () => (await pool().query(`SELECT 1 FROM worker_heartbeats`)).rowCount);
  await ingestDocuments(winrmPair({ host: "KILL-1", sourceIp: "10.4.4.4" }).map((doc) => ({ doc })));
  await waitFor("the delivery to start", () => rx.attempts.length >= 1);
  w1.kill("SIGKILL");
  await new Promise((r) => w1.once("exit", r));
  const [row] = (await pool().query(`SELECT * FROM notification_outbox WHERE status <> 'delivered'`)).rows;
  expect(row).toMatchObject({ status: "sending", attempts: 1 });

  rx.behave({ status: 200 });
  const w2 = startWorker();
  const delivered = await waitFor("the message to be delivered by the next worker", () => rx.requests.find((r) => r.json.id === row.id));
  expect(delivered!.headers["x-lateral-id"]).toBe(row.id);
  // The receiver has the request before the worker has its answer and records the delivery.
  await waitFor("the delivery to be recorded", async () => (await db().notificationOutbox.findUniqueOrThrow({ where: { id: row.id } })).status !== "sending");
  const after = await db().notificationOutbox.findUniqueOrThrow({ where: { id: row.id } });
  expect(after.status).toBe("delivered");
  // At most NOTIFY_MAX_ATTEMPTS sends; here: the interrupted one and the one that went through.
  expect(rx.attempts.filter((a) => a.json.id === row.id).length).toBe(after.attempts);
  expect(after.attempts).toBe(2);
  w2.kill("SIGTERM");
  await new Promise((r) => w2.once("exit", r));
});
