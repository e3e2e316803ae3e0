import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { closeDb } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded-postgres";
import { resetEnvCache } from "@/lib/env";
import { createApiKey } from "@/lib/users/create-api-key";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";

/**
 * `npm start` as a user runs it (scripts/start.ts: embedded PostgreSQL, web server, worker), under
 * steady ingest of WinRM pairs, while its parts are killed with SIGKILL: the worker, the web
 * server, and the embedded PostgreSQL for 20 s and for 2 minutes (its port held by the test so
 * that it cannot come back sooner; connections to it are reset, as a dead server's are refused).
 * Each time the app is healthy again by itself (health, as a read key sees it, is the readiness
 * signal), the worker's file descriptors and memory stay under fixed bounds during the outage,
 * and at the end every acknowledged event is stored exactly once and every pair alerted once.
 */
const FD_BOUND = 120;
const BATCH = 50; // events per ingest request: one WinRM pair and 48 background events
const RSS_BOUND_MB = 500;

let dir: string;
let pgPort: number;
let url: string;
let dbUrl: string;
let start: ChildProcess;
let log = "";
let readKey: string;
let ingestKey: string;

interface Health {
  ok: boolean;
  status: string;
  server: { pid: number };
  worker: { ok: boolean; shards: { shard: string; state: string; pid: number | null }[] } | null;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-supervise-"));
  fs.chmodSync(dir, 0o777); // as root, the embedded server runs as the postgres user
  pgPort = await freePort();
  const webPort = await freePort();
  url = `http://127.0.0.1:${webPort}`;
  dbUrl = `postgresql://postgres:lateral@127.0.0.1:${pgPort}/lateral`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dir,
    EMBEDDED_POSTGRES_PORT: String(pgPort),
    PORT: String(webPort),
    HOST: "127.0.0.1",
    DETECTION_MODE: "realtime",
    ADMIN_EMAIL: "admin@example.test",
    ADMIN_PASSWORD: "correct horse battery",
    NODE_ENV: "production",
  };
  delete env.DATABASE_URL;
  start = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts"], { cwd: process.cwd(), env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  start.stdout!.on("data", (d) => (log += d));
  start.stderr!.on("data", (d) => (log += d));
  await waitFor("the web server", async () => (await fetch(`${url}/api/health`).catch(() => null))?.status === 200, 120_000);
  process.env.DATABASE_URL = dbUrl;
  resetEnvCache();
  readKey = (await createApiKey({ name: "health", scope: "read" }, { actor: systemActor("test") })).key;
  ingestKey = (await createApiKey({ name: "load", scope: "ingest" }, { actor: systemActor("test") })).key;
  await closeDb();
  await healthy();
  void load.run();
}, 180_000);

afterAll(async () => {
  load.stop = true;
  if (start && start.exitCode === null && start.signalCode === null) {
    const exited = new Promise((r) => start.once("exit", r));
    start.kill("SIGTERM");
    const timer = setTimeout(() => process.kill(-start.pid!, "SIGKILL"), 30_000);
    await exited;
    clearTimeout(timer);
  }
  await closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function waitFor<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn().catch(() => null);
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${log.slice(-4000)}`);
    await new Promise((r) => setTimeout(r, 250)); // polling interval
  }
}

async function health(): Promise<{ status: number; body: Health | { ok: boolean } } | null> {
  try {
    const res = await fetch(`${url}/api/health`, { headers: { authorization: `ApiKey ${readKey}` } });
    return { status: res.status, body: await res.json() };
  } catch {
    return null; // not listening
  }
}

const details = async (): Promise<Health | null> => {
  const h = await health();
  return h && "status" in h.body ? (h.body as Health) : null;
};
const healthy = (ms = 90_000) => waitFor("the app to be healthy (database, migrations, the worker's shard running)", async () => ((await details())?.ok ? details() : null), ms);

/** Steady ingest: one WinRM pair (plus background events) per batch, each batch retried until acknowledged. */
const load = {
  stop: false,
  acknowledged: new Set<string>(),
  hosts: new Set<string>(),
  retries: 0,
  errors: [] as string[],
  done: Promise.resolve(),
  async run() {
    let release!: () => void;
    this.done = new Promise<void>((r) => (release = r));
    for (let b = 0; !this.stop; b++) {
      const host = `OUT-${b}`;
      const docs: Record<string, unknown>[] = [
        ...winrmPair({ host, sourceIp: `10.77.${(b >> 8) & 255}.${b & 255}`, id: `b${b}` }),
        ...Array.from({ length: 48 }, (_, i) => ({
          "@timestamp": new Date(Date.UTC(2026, 10, 20, 11, 0, i)).toISOString(),
          event: { id: `bg-${b}-${i}`, category: ["process"], type: ["start"] },
          host: { id: `bg-${i}`, name: `BG-${i}` },
          process: { name: "svchost.exe", pid: 100 + i },
        })),
      ];
      const body = docs.map((d) => JSON.stringify(d)).join("\n");
      for (;;) {
        // A killed server can drop the connection before, during or after its answer: no answer
        // read in full is no acknowledgement, and the batch is sent again.
        const answer = await fetch(`${url}/api/v1/events`, { method: "POST", headers: { authorization: `ApiKey ${ingestKey}` }, body })
          .then(async (res) => ({ status: res.status, text: await res.text() }))
          .catch(() => null);
        if (answer?.status === 200) {
          const out = JSON.parse(answer.text);
          if (out.accepted + out.duplicates !== docs.length) this.errors.push(`acknowledged ${answer.text}`);
          for (const d of docs) this.acknowledged.add((d.event as { id: string }).id);
          this.hosts.add(host);
          break;
        }
        if (answer && answer.status !== 503) this.errors.push(`ingest answered ${answer.status}: ${answer.text.slice(0, 200)}`);
        this.retries++;
        await new Promise((r) => setTimeout(r, 250)); // a shipper's retry interval
      }
      await new Promise((r) => setTimeout(r, 100)); // pacing: about five batches a second
    }
    release();
  },
};

function procStats(pid: number) {
  const fds = fs.readdirSync(`/proc/${pid}/fd`).length;
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
  return { fds, rssMb: rss };
}

/** Binds the port as soon as the killed server has released it, so the supervisor cannot restart it. */
async function holdPort(port: number): Promise<net.Server> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const server = net.createServer((socket) => socket.destroy());
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, "127.0.0.1", () => resolve());
      });
      return server;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EADDRINUSE" || Date.now() > deadline) throw err;
      await new Promise((r) => setImmediate(r));
    }
  }
}

async function postgresOutage(ms: number) {
  const before = (await healthy())!;
  const workerPid = before.worker!.shards[0].pid!;
  const baseline = procStats(workerPid);
  const pidFile = path.join(dir, "postgres", "postmaster.pid");
  const pgPid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  const ackedBefore = load.acknowledged.size;
  process.kill(pgPid, "SIGKILL");
  const holder = await holdPort(pgPort);
  let samples = 0;
  let maxFds = 0;
  let maxRss = 0;
  let answered503 = 0;
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const s = procStats(workerPid);
    maxFds = Math.max(maxFds, s.fds);
    maxRss = Math.max(maxRss, s.rssMb);
    samples++;
    if ((await health())?.status === 503) answered503++;
    await new Promise((r) => setTimeout(r, 1000)); // one sample a second for the outage's length
  }
  const ackedDuring = load.acknowledged.size - ackedBefore;
  await new Promise<void>((r) => holder.close(() => r()));
  const released = Date.now();
  const after = (await healthy())!;
  const recoveryMs = Date.now() - released;
  console.log(
    `PostgreSQL killed for ${ms / 1000} s: worker fds ${baseline.fds} before, at most ${maxFds} during; RSS ${baseline.rssMb.toFixed(0)} MB before, at most ${maxRss.toFixed(0)} MB; ` +
      `health 503 in ${answered503}/${samples} samples; healthy again ${recoveryMs} ms after the port was released`,
  );
  expect(answered503).toBeGreaterThan(samples / 2); // the database really was gone
  expect(ackedDuring).toBeLessThanOrEqual(BATCH); // nothing was acknowledged while it was down (at most the batch in flight)
  expect(maxFds).toBeLessThan(FD_BOUND);
  expect(maxFds).toBeLessThanOrEqual(baseline.fds + 10);
  expect(maxRss).toBeLessThan(RSS_BOUND_MB);
  expect(after.worker!.shards[0].pid).toBe(workerPid); // the worker rode it out; nobody restarted it
  const newPgPid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
  expect(newPgPid).not.toBe(pgPid);
  expect(log).toMatch(/the embedded PostgreSQL exited unexpectedly/);
}

test("kill -9 of the worker: started again by npm start, healthy by itself", async () => {
  const before = (await healthy())!;
  const pid = before.worker!.shards[0].pid!;
  process.kill(pid, "SIGKILL");
  const after = await waitFor("a new worker", async () => {
    const d = await details();
    const s = d?.worker?.shards[0];
    return d?.ok && s?.pid !== pid ? d : null;
  }, 60_000);
  expect(after.worker!.shards).toEqual([expect.objectContaining({ shard: "all", state: "running" })]);
  expect(log).toMatch(/worker exited \(signal SIGKILL\); starting it again/);
}, 90_000);

test("kill -9 of the web server: started again, healthy by itself", async () => {
  const before = (await healthy())!;
  process.kill(before.server.pid, "SIGKILL");
  const after = await waitFor("a new web server", async () => {
    const d = await details();
    return d?.ok && d.server.pid !== before.server.pid ? d : null;
  }, 90_000);
  expect(after.server.pid).not.toBe(before.server.pid);
  expect(log).toMatch(/web exited \(signal SIGKILL\); starting it again/);
}, 120_000);

test("kill -9 of the embedded PostgreSQL, kept down 20 s: restarted, the worker flat and back to work", async () => {
  await postgresOutage(20_000);
}, 120_000);

test("kill -9 of the embedded PostgreSQL, kept down 2 minutes: the same", async () => {
  await postgresOutage(120_000);
}, 240_000);

test("afterwards: every acknowledged event stored exactly once, every pair alerted once, and SIGTERM stops it all", async () => {
  load.stop = true;
  await load.done;
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  try {
    await waitFor("detection to catch up", async () => {
      const { rows } = await c.query(
        `SELECT (SELECT coalesce(max(seq), 0) FROM events) AS hw, (SELECT min(checkpoint) FROM rule_checkpoints) AS cp, (SELECT count(*) FROM rule_checkpoints)::int AS n`,
      );
      return rows[0].n === 2 && Number(rows[0].cp) >= Number(rows[0].hw);
    }, 120_000);
    const { rows: stored } = await c.query(`SELECT event_id, count(*)::int AS n FROM events GROUP BY event_id`);
    const counts = new Map(stored.map((r) => [r.event_id as string, r.n as number]));
    expect(load.errors).toEqual([]); // only 503s (or no answer) while something was down
    const missing = [...load.acknowledged].filter((id) => !counts.has(id));
    expect(missing).toEqual([]);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
    const { rows: alerts } = await c.query(`SELECT host_name, rule_id, count(*)::int AS n FROM alerts GROUP BY 1, 2`);
    expect(alerts.filter((a) => a.n > 1)).toEqual([]);
    expect(new Set(alerts.map((a) => a.host_name as string))).toEqual(load.hosts);
    console.log(`${load.acknowledged.size} events acknowledged and stored once, ${load.hosts.size} pairs alerted once each, ${load.retries} retried requests`);
  } finally {
    await c.end();
  }
  const exited = new Promise<number | null>((r) => start.once("exit", (code) => r(code)));
  start.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(fs.existsSync(path.join(dir, "postgres", "postmaster.pid"))).toBe(false); // the database was stopped too
}, 180_000);
