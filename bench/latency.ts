import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { hostsWithAlerts } from "../lib/db/queries/bench";
import { listenOn } from "../lib/db/queries/worker";
import { createRandom } from "../lib/demo/random";
import { benchEnvironment, rssMb } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:latency [-- --seconds 60 --rate 5000]`: ingest → alert latency with the settings a
 * new installation has (the worker started without DETECTION_MODE: realtime by default), under a
 * steady background ingest of `rate` events/s over HTTP (4 clients, noise that never alerts).
 * About once a second (seeded jitter) a probe — a WinRM connection and the child wsmprovhost.exe
 * starts, on a host of its own — is POSTed; its latency is the time from sending it to seeing its
 * alert (LISTEN on the worker's `lateral_alerts`, then a read). Baseline in the same run: the
 * probe's own ingest round trip (its answer: the events are stored). Prints p50 / p95 / max, the
 * ratio to the baseline, and the time from the ingest answer to the alert (the worker's share).
 */
const { values } = parseArgs({ options: { seconds: { type: "string", default: "60" }, rate: { type: "string", default: "5000" } } });
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate);
const CLIENTS = 4;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : NaN;
};

function probe(i: number, at: number) {
  const host = { id: `probe-${i}`, name: `PROBE-${i}`, os: { type: "windows", family: "windows" } };
  return [
    {
      "@timestamp": new Date(at).toISOString(), event: { id: `probe-${i}-net`, category: ["network"], type: ["start", "connection"] }, host,
      network: { direction: "ingress", transport: "tcp" }, process: { pid: 4, name: "System" },
      source: { ip: `10.99.${Math.floor(i / 250) % 250}.${1 + (i % 250)}`, port: 50000 + i }, destination: { ip: "10.0.0.5", port: 5985 },
    },
    {
      "@timestamp": new Date(at + 2500).toISOString(), event: { id: `probe-${i}-proc`, category: ["process"], type: ["start"] }, host,
      process: { pid: 7000 + i, name: "whoami.exe", executable: "C:\\Windows\\System32\\whoami.exe", command_line: "whoami /all", entity_id: `probe-e-${i}`, parent: { name: "wsmprovhost.exe", pid: 6000 } },
      user: { name: "svc-probe", domain: "CORP" },
    },
  ];
}

async function main() {
  const env = await benchEnvironment({ app: true });
  const workerEnv: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: env.url };
  delete workerEnv.DETECTION_MODE; // what a new installation gets
  const worker = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], { env: workerEnv, stdio: ["ignore", "ignore", "pipe"] });
  let workerLog = "";
  worker.stderr!.on("data", (d) => (workerLog += d));
  const listener = new pg.Client({ connectionString: env.url });
  const reader = new pg.Client({ connectionString: env.url });
  try {
    await listener.connect();
    await reader.connect();
    for (let i = 0; i < 300 && !/started/.test(workerLog); i++) await new Promise((r) => setTimeout(r, 100));
    const mode = /mode (\w+)/.exec(workerLog)?.[1] ?? "?";

    const sent = new Map<string, number>(); // probe host id → send time
    const latencies: number[] = [];
    const acks: number[] = [];
    let checking = Promise.resolve();
    const check = () => {
      checking = checking.then(async () => {
        if (!sent.size) return;
        const hosts = await hostsWithAlerts([...sent.keys()], reader);
        const now = performance.now();
        for (const host of hosts) {
          latencies.push(now - sent.get(host)!);
          const ack = acked.get(host);
          afterAck.push(ack === undefined ? 0 : Math.max(0, now - ack));
          sent.delete(host);
        }
      });
      return checking;
    };
    listener.on("notification", () => void check());
    await listenOn(listener, ["lateral_alerts"]);

    const post = (body: string) =>
      fetch(`${env.appUrl}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `ApiKey ${env.ingestKey}`, "content-type": "application/x-ndjson" },
        body,
      }).then(async (res) => {
        await res.arrayBuffer();
        if (!res.ok) throw new Error(`ingest answered ${res.status}`);
      });

    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    const source = generateEvents(RATE * (SECONDS + 5), plan, { plantEvery: Number.MAX_SAFE_INTEGER, seed: 7 });
    source.next(); // plantEvery: the first event would be a planted pair
    const start = performance.now();
    const end = start + SECONDS * 1000;
    let background = 0;
    const perBatch = Math.round(RATE / CLIENTS / 4); // four batches per second per client
    // Open loop: each client sends a batch every 250 ms whatever the previous answer's delay (at
    // most 4 requests in flight each), so a slow answer does not lower the offered rate.
    const ingestClient = async (k: number) => {
      let next = start + (k * 250) / CLIENTS;
      const inFlight = new Set<Promise<void>>();
      while (performance.now() < end) {
        const docs: string[] = [];
        for (let i = 0; i < perBatch; i++) docs.push(JSON.stringify(source.next().value));
        const p: Promise<void> = post(docs.join("\n")).then(() => {
          background += docs.length;
          inFlight.delete(p);
        });
        inFlight.add(p);
        if (inFlight.size >= 4) await Promise.race(inFlight);
        next += 250;
        await new Promise((r) => setTimeout(r, Math.max(0, next - performance.now())));
      }
      await Promise.all(inFlight);
    };
    const random = createRandom(20261204);
    // Open loop too: a probe leaves every 0.7–1.3 s whatever the previous one's answer time.
    const acked = new Map<string, number>(); // probe host id → ack time
    const afterAck: number[] = [];
    const prober = async () => {
      let i = 0;
      const probes: Promise<void>[] = [];
      await new Promise((r) => setTimeout(r, 2000)); // background ingest reaches its rate first
      while (performance.now() < end - 3000) {
        const id = `probe-${i}`;
        const docs = probe(i, Date.parse("2026-12-01T12:00:00Z") + i * 60_000);
        const t = performance.now();
        sent.set(id, t);
        probes.push(
          post(docs.map((d) => JSON.stringify(d)).join("\n")).then(() => {
            const now = performance.now();
            acks.push(now - t);
            acked.set(id, now);
          }),
        );
        i++;
        await new Promise((r) => setTimeout(r, random.int(700, 1300)));
      }
      await Promise.all(probes);
    };
    console.log(`latency: ${SECONDS} s, background ${RATE} events/s over HTTP (${CLIENTS} clients), worker mode ${mode} (the default)`);
    await Promise.all([...Array.from({ length: CLIENTS }, (_, k) => ingestClient(k)), prober()]);
    const elapsed = (performance.now() - start) / 1000;
    for (let i = 0; i < 100 && sent.size; i++) {
      await check();
      if (sent.size) await new Promise((r) => setTimeout(r, 100));
    }
    const missing = sent.size;
    console.log(`background ingest: ${background.toLocaleString("en-US")} events in ${elapsed.toFixed(1)} s = ${Math.round(background / elapsed).toLocaleString("en-US")} events/s`);
    console.log(`probes: ${latencies.length + missing} sent, ${latencies.length} alerted${missing ? `, ${missing} NOT within 10 s after the end` : ""}`);
    const f = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
    console.log(`ingest → alert:      p50 ${f(pct(latencies, 50))}   p95 ${f(pct(latencies, 95))}   max ${f(Math.max(...latencies))}`);
    console.log(`baseline (ingest ack): p50 ${f(pct(acks, 50))}   p95 ${f(pct(acks, 95))}`);
    console.log(`ack → alert (the worker's share): p50 ${f(pct(afterAck, 50))}   p95 ${f(pct(afterAck, 95))}`);
    console.log(`ratio alert / ack:   p50 ${(pct(latencies, 50) / pct(acks, 50)).toFixed(1)}×   p95 ${(pct(latencies, 95) / pct(acks, 95)).toFixed(1)}×`);
    console.log(`memory at the end: server ${rssMb(env.server!.pid!).toFixed(0)} MB, worker ${rssMb(worker.pid!).toFixed(0)} MB`);
    if (missing || pct(latencies, 95) > 5000) process.exitCode = 1;
  } finally {
    await listener.end().catch(() => undefined);
    await reader.end().catch(() => undefined);
    worker.kill("SIGTERM");
    await new Promise((r) => worker.once("exit", r));
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
