import { spawn, type ChildProcess } from "node:child_process";
import crypto from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { parseArgs } from "node:util";
import { systemActor } from "../lib/auth/actor";
import { pool } from "../lib/db/client";
import { alertOfHost, anyAlert, outboxStatusCounts } from "../lib/db/queries/bench";
import { listHeartbeats } from "../lib/db/queries/worker";
import { inPgTransaction } from "../lib/db/transaction";
import { insertAlert } from "../lib/db/queries/detection-alerts";
import { buildAlert } from "../lib/detection/build-alert";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { createDestination } from "../lib/notify/create-destination";
import { enqueueAlertNotifications } from "../lib/notify/enqueue";
import { loadRulePack } from "../lib/rules";
import { winrmPair } from "../tests/helpers/fixtures/winrm-events";
import { benchEnvironment, samplePeakRss } from "./lib/environment";

/**
 * `npm run bench:notify [-- --samples N --burst N]`:
 * 1. realtime mode: a worker process, a local webhook receiver; one WinRM pair ingested at a time;
 *    p50/p95 from the alert's commit (its created_at, the transaction's start: an upper bound) to
 *    the signed webhook's arrival, and from ingest to arrival. Baseline in the same run: a direct
 *    POST of the same size to the same receiver.
 * 2. a burst: N alerts (default 10,000) committed at once with their outbox rows while the worker
 *    runs: messages/s until the last arrives, loss and duplicates, the worker's peak RSS. Baseline: the same
 *    number of POSTs sent straight to the receiver with the same concurrency.
 */
const { values } = parseArgs({ options: { samples: { type: "string", default: "40" }, burst: { type: "string", default: "10000" } } });
const SAMPLES = Number(values.samples);
const BURST = Number(values.burst);
const NOTIFY_ENV = { NOTIFY_SECRET_KEY: crypto.randomBytes(32).toString("hex") };
Object.assign(process.env, NOTIFY_ENV);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function receiver(secret: () => string) {
  const ids = new Set<string>();
  let requests = 0;
  let badSignatures = 0;
  const arrivals = new Map<string, number>(); // alert id → arrival
  let onArrival: (() => void) | null = null;
  const server = http.createServer({ keepAlive: true }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      requests++;
      if (req.headers["x-lateral-signature"]) {
        const expected = `sha256=${crypto.createHmac("sha256", secret()).update(body).digest("hex")}`;
        if (expected !== req.headers["x-lateral-signature"]) badSignatures++;
        const j = JSON.parse(body);
        ids.add(j.id);
        if (j.alert) arrivals.set(j.alert.id, Date.now());
      }
      res.writeHead(200).end("ok");
      onArrival?.();
    });
  });
  return {
    server,
    ids,
    arrivals,
    stats: () => ({ requests, badSignatures }),
    reset() {
      ids.clear();
      arrivals.clear();
      requests = 0;
    },
    waitFor(pred: () => boolean, ms = 120_000) {
      return new Promise<void>((resolve, reject) => {
        const t = setTimeout(() => reject(new Error("timed out waiting for the receiver")), ms);
        const check = () => {
          if (pred()) {
            clearTimeout(t);
            onArrival = null;
            resolve();
          }
        };
        onArrival = check;
        check();
      });
    },
  };
}

function startWorker(url: string, extra: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
    env: { ...process.env, ...NOTIFY_ENV, DATABASE_URL: url, DETECTION_MODE: "realtime", ...extra },
    stdio: ["ignore", "ignore", "inherit"],
  });
}
const stopWorker = (w: ChildProcess) => new Promise<void>((r) => (w.exitCode !== null ? r() : (w.once("exit", () => r()), w.kill("SIGTERM"))));

async function directPosts(url: string, n: number, body: string, concurrency: number): Promise<number[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const times: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        next++;
        const t = performance.now();
        await new Promise<void>((resolve, reject) => {
          const req = http.request(url, { method: "POST", agent, headers: { "content-type": "application/json" } }, (res) => (res.resume(), res.on("end", () => resolve())));
          req.on("error", reject);
          req.end(body);
        });
        times.push(performance.now() - t);
      }
    }),
  );
  agent.destroy();
  return times;
}

async function main() {
  const env = await benchEnvironment();
  let secret = "";
  const rx = receiver(() => secret);
  await new Promise<void>((r) => rx.server.listen(0, "127.0.0.1", r));
  const hook = `http://127.0.0.1:${(rx.server.address() as AddressInfo).port}/hook`;
  let worker: ChildProcess | null = null;
  try {
    secret = (await createDestination({ name: "bench", kind: "webhook", settings: { url: hook } }, { actor: systemActor("bench") })).signingSecret!;

    // 1. realtime latency
    worker = startWorker(env.url);
    for (let i = 0; i < 300 && !(await listHeartbeats()).length; i++) await new Promise((r) => setTimeout(r, 100));
    const fromCommit: number[] = [];
    const fromIngest: number[] = [];
    for (let i = 0; i < SAMPLES + 3; i++) {
      const host = `BENCH-RT-${i}`;
      const t0 = Date.now();
      await ingestDocuments(winrmPair({ host, sourceIp: "10.200.0.1" }).map((doc) => ({ doc })));
      await rx.waitFor(() => rx.arrivals.size >= i + 1);
      const alert = await alertOfHost(host);
      const at = rx.arrivals.get(alert.id)!;
      if (i >= 3) {
        // the first three warm the worker up
        fromCommit.push(at - alert.createdAt.getTime());
        fromIngest.push(at - t0);
      }
    }
    const sampleBody = JSON.stringify({ id: crypto.randomUUID(), type: "alert", alert: await anyAlert() });
    const direct = await directPosts(hook, SAMPLES, sampleBody, 1);
    console.log(`realtime (${SAMPLES} alerts, one at a time, DETECTION_MODE=realtime):`);
    console.log(`  alert commit → webhook : p50 ${pct(fromCommit, 50)} ms, p95 ${pct(fromCommit, 95)} ms, max ${Math.max(...fromCommit)} ms (goal p95 ≤ 2000 ms)`);
    console.log(`  ingest → webhook       : p50 ${pct(fromIngest, 50)} ms, p95 ${pct(fromIngest, 95)} ms`);
    console.log(`  baseline, a direct POST of the same body: p50 ${pct(direct, 50).toFixed(1)} ms, p95 ${pct(direct, 95).toFixed(1)} ms`);

    // 2. a burst of alerts committed at once
    const rule = loadRulePack().rules.find((r) => r.ruleId === "2772264c-6fb9-4d9d-9014-b416eed21254")!;
    const c = await pool().connect();
    const t1 = performance.now();
    rx.reset();
    const rss = samplePeakRss(worker.pid!);
    let t2 = 0;
    try {
      await inPgTransaction(c, async () => {
        const alerts = [];
        for (let i = 0; i < BURST; i++) {
          const [net, child] = winrmPair({ host: `BURST-${i % 500}`, sourceIp: `10.201.${(i >> 8) & 255}.${i & 255}` });
          const seq = 10_000_000 + 2 * i;
          const a = buildAlert(rule, [
            { seq, ts: new Date(net["@timestamp"]), doc: net as unknown as Record<string, unknown>, enrichments: [] },
            { seq: seq + 1, ts: new Date(child["@timestamp"]), doc: child as unknown as Record<string, unknown>, enrichments: [] },
          ]);
          await insertAlert(c, a);
          alerts.push(a);
        }
        await enqueueAlertNotifications(c, alerts);
      });
      t2 = performance.now();
    } finally {
      c.release();
    }
    console.log(`burst: ${BURST.toLocaleString("en")} alerts and their outbox rows committed in one transaction (built in ${((t2 - t1) / 1000).toFixed(1)} s) while the worker runs`);
    await rx.waitFor(() => rx.ids.size >= BURST, 600_000);
    const drainS = (performance.now() - t2) / 1000;
    const peak = rss.stop();
    await stopWorker(worker);
    worker = null;
    const rows = await outboxStatusCounts();
    const s = rx.stats();
    const distinct = rx.ids.size;
    const t3 = performance.now();
    await directPosts(hook, BURST, sampleBody, Number(process.env.NOTIFY_CONCURRENCY ?? 16));
    const directS = (performance.now() - t3) / 1000;
    console.log(`  commit → last delivery: ${drainS.toFixed(1)} s = ${Math.round(BURST / drainS).toLocaleString("en")} messages/s`);
    console.log(`  delivered ${distinct.toLocaleString("en")} distinct ids of ${BURST.toLocaleString("en")} (loss ${BURST - distinct}), ${s.requests - distinct} duplicate requests, ${s.badSignatures} bad signatures`);
    console.log(`  outbox: ${rows.map((r) => `${r.status} ${r.n}`).join(", ")}`);
    console.log(`  worker peak RSS: ${peak.toFixed(0)} MB`);
    console.log(`  baseline, the same number of direct POSTs (concurrency 16): ${directS.toFixed(1)} s = ${Math.round(BURST / directS).toLocaleString("en")} requests/s; the worker reaches ${((directS / drainS) * 100).toFixed(0)} % of it`);
  } finally {
    if (worker) await stopWorker(worker);
    rx.server.close();
    rx.server.closeAllConnections();
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
