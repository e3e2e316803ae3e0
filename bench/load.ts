import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import pg from "pg";
import { countEvents } from "../lib/db/queries/bench";
import { createUser } from "../lib/users/create-user";
import { benchEnvironment, rssMb } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:load [-- --seconds 300 --rate 2000]`: for the given time, 8 ingest clients send
 * events at a steady total rate while 4 simulated analysts browse and triage (alert list, filters,
 * alert page, process tree, IP timeline, acknowledge), against the web server and a running
 * detection worker. Prints p50/p95/p99 per endpoint, error counts by status (5xx must be 0;
 * 429/503 must carry Retry-After), server and worker memory over time, and events acknowledged
 * vs stored.
 */
const { values } = parseArgs({ options: { seconds: { type: "string", default: "300" }, rate: { type: "string", default: "2000" } } });
const SECONDS = Number(values.seconds);
const RATE = Number(values.rate); // events per second, all ingest clients together
const INGEST_CLIENTS = 8;
const ANALYSTS = 4;

const timings = new Map<string, number[]>();
const statuses = new Map<string, number>();
let retryAfterMissing = 0;

async function timed(name: string, url: string, init: RequestInit = {}): Promise<Response | null> {
  const t = performance.now();
  try {
    const res = await fetch(url, init);
    await res.arrayBuffer().catch(() => undefined);
    const ms = performance.now() - t;
    (timings.get(name) ?? timings.set(name, []).get(name)!).push(ms);
    const key = `${res.status}`;
    statuses.set(key, (statuses.get(key) ?? 0) + 1);
    if ((res.status === 429 || res.status === 503) && !res.headers.get("retry-after")) retryAfterMissing++;
    return res;
  } catch {
    statuses.set("network-error", (statuses.get("network-error") ?? 0) + 1);
    return null;
  }
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

async function main() {
  const env = await benchEnvironment({ app: true });
  const worker = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts"], {
    env: { ...process.env, DATABASE_URL: env.url, DETECTION_MODE: "realtime" },
    stdio: "ignore",
  });
  try {
    const password = "load test password";
    const analysts = await Promise.all(
      Array.from({ length: ANALYSTS }, (_, i) => createUser({ email: `analyst${i}@load.test`, role: "analyst", password }, { actor: { kind: "system", id: "bench", label: "bench", role: "admin" } })),
    );
    const cookies = await Promise.all(
      analysts.map(async (a) => {
        const res = await fetch(`${env.appUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: a.user.email, password }) });
        return res.headers.get("set-cookie")!.split(";")[0];
      }),
    );

    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    const source = generateEvents(RATE * SECONDS + 10_000, plan, { plantEvery: 2000 });
    const end = Date.now() + SECONDS * 1000;
    const acknowledged = new Set<string>();
    const memory: string[] = [];
    const sampler = setInterval(() => {
      const elapsed = Math.round((Date.now() - (end - SECONDS * 1000)) / 1000);
      memory.push(`${String(elapsed).padStart(4)} s  server ${rssMb(env.server!.pid!).toFixed(0)} MB  worker ${rssMb(worker.pid!).toFixed(0)} MB`);
    }, Math.max(5000, (SECONDS * 1000) / 12));

    const perClientBatch = Math.max(1, Math.round(RATE / INGEST_CLIENTS)); // one batch per second each
    const ingest = async () => {
      while (Date.now() < end) {
        const started = Date.now();
        const docs: Record<string, unknown>[] = [];
        for (let i = 0; i < perClientBatch; i++) {
          const n = source.next();
          if (n.done) break;
          docs.push(n.value);
        }
        const body = docs.map((d) => JSON.stringify(d)).join("\n");
        for (let attempt = 0; attempt < 20; attempt++) {
          const res = await timed("POST /api/v1/events", `${env.appUrl}/api/v1/events`, {
            method: "POST",
            headers: { authorization: `ApiKey ${env.ingestKey}`, "content-type": "application/x-ndjson" },
            body,
          });
          if (res?.ok) {
            for (const d of docs) acknowledged.add((d.event as { id: string }).id);
            break;
          }
          await new Promise((r) => setTimeout(r, 500));
        }
        await new Promise((r) => setTimeout(r, Math.max(0, 1000 - (Date.now() - started))));
      }
    };

    const analyst = async (cookie: string) => {
      const h = { cookie };
      while (Date.now() < end) {
        const list = await timed("GET /api/v1/alerts", `${env.appUrl}/api/v1/alerts?limit=50`, { headers: h });
        const alerts = list?.ok ? ((await fetch(`${env.appUrl}/api/v1/alerts?limit=50`, { headers: h }).then((r) => r.json())) as { alerts: { id: string; sourceIp: string | null; host: { id: string } }[] }).alerts : [];
        await timed("GET /api/v1/alerts?q=&groupBy=host", `${env.appUrl}/api/v1/alerts?status=all&q=whoami&groupBy=host`, { headers: h });
        const a = alerts[Math.floor(Math.random() * alerts.length)];
        if (a) {
          await timed("GET /api/v1/alerts/:id", `${env.appUrl}/api/v1/alerts/${a.id}`, { headers: h });
          await timed("GET /api/v1/alerts/:id/process-tree", `${env.appUrl}/api/v1/alerts/${a.id}/process-tree`, { headers: h });
          await timed("GET /api/v1/alerts/:id/ip-activity", `${env.appUrl}/api/v1/alerts/${a.id}/ip-activity`, { headers: h });
          if (Math.random() < 0.3) {
            await timed("PATCH /api/v1/alerts/:id", `${env.appUrl}/api/v1/alerts/${a.id}`, {
              method: "PATCH",
              headers: { ...h, origin: env.appUrl!, "content-type": "application/json" },
              body: JSON.stringify({ status: "acknowledged" }),
            });
          }
        }
        await timed("GET /alerts (page)", `${env.appUrl}/alerts`, { headers: h });
        await new Promise((r) => setTimeout(r, 500 + Math.random() * 1000));
      }
    };

    console.log(`load: ${SECONDS} s, ${INGEST_CLIENTS} ingest clients at ${RATE} events/s in total, ${ANALYSTS} analysts`);
    await Promise.all([...Array.from({ length: INGEST_CLIENTS }, ingest), ...cookies.map(analyst)]);
    clearInterval(sampler);

    const c = new pg.Client({ connectionString: env.url });
    await c.connect();
    const stored = await countEvents(c);
    await c.end();

    console.log("\nendpoint                                  count     p50      p95      p99   (ms)");
    for (const [name, xs] of [...timings].sort()) {
      console.log(`${name.padEnd(40)} ${String(xs.length).padStart(6)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(8)} ${pct(xs, 99).toFixed(1).padStart(8)}`);
    }
    console.log(`\nstatuses: ${[...statuses].map(([s, n]) => `${s}×${n}`).join(", ")}; 429/503 without Retry-After: ${retryAfterMissing}`);
    console.log(`events acknowledged ${acknowledged.size}, stored ${stored.n} (distinct ${stored.d}) ${acknowledged.size === stored.d && stored.n === stored.d ? "— equal" : "— MISMATCH"}`);
    console.log("memory over time:");
    for (const m of memory) console.log(`  ${m}`);
    const fiveXX = [...statuses].filter(([s]) => s.startsWith("5") && s !== "503").reduce((n, [, v]) => n + v, 0);
    if (fiveXX || retryAfterMissing || acknowledged.size !== stored.d || stored.n !== stored.d) process.exitCode = 1;
  } finally {
    worker.kill("SIGTERM");
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
