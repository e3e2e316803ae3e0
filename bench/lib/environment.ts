import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { systemActor } from "../../lib/auth/actor";
import { createApiKey } from "../../lib/users/create-api-key";
import { closeDb } from "../../lib/db/client";
import { freePort, startEmbeddedPostgres } from "../../lib/db/embedded-postgres";
import { migrate } from "../../lib/db/migrate";
import { buildIfNeeded } from "../../scripts/build-if-needed";
import { databaseServerPids } from "../../lib/db/queries/bench";
import type { Queryable } from "../../lib/db/sql";
import { createBenchDatabase, dropBenchDatabase } from "./ddl";

/**
 * A throw-away environment for a benchmark: a fresh database (on DATABASE_URL's server when set,
 * else an embedded PostgreSQL in a temporary folder), migrated; optionally the web app. With
 * BENCH_KEEP_DATABASE set (and DATABASE_URL), the database is left in place for a look afterwards
 * (EXPLAIN); its URL is printed.
 */
export interface BenchEnv {
  url: string;
  server?: ChildProcess;
  appUrl?: string;
  ingestKey?: string;
  stop(): Promise<void>;
}

export async function benchEnvironment(opts: { app?: boolean; appEnv?: Record<string, string> } = {}): Promise<BenchEnv> {
  let serverUrl = process.env.DATABASE_URL;
  let stopPg = async () => undefined as void;
  if (!serverUrl) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-bench-"));
    fs.chmodSync(dir, 0o777);
    const pgServer = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port: await freePort(), persistent: false });
    serverUrl = pgServer.url;
    stopPg = pgServer.stop;
  }
  const name = `lateral_bench_${Date.now()}`;
  await createBenchDatabase(serverUrl, name);
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrate(url);
  process.env.DATABASE_URL = url;
  const env: BenchEnv = {
    url,
    async stop() {
      if (env.server && env.server.exitCode === null) {
        await new Promise<void>((r) => {
          env.server!.once("exit", () => r());
          env.server!.kill("SIGTERM");
        });
      }
      await closeDb();
      if (process.env.BENCH_KEEP_DATABASE) console.error(`kept database ${url}`);
      else await dropBenchDatabase(serverUrl!, name);
      await stopPg();
    },
  };
  if (opts.app) {
    await buildIfNeeded(process.cwd(), (m) => console.error(m));
    const app = await startAppServer(url, opts.appEnv);
    env.server = app.server;
    env.appUrl = app.appUrl;
    env.ingestKey = (await createApiKey({ name: "bench", scope: "ingest" }, { actor: systemActor("bench") })).key;
  }
  return env;
}

/** `next start` of the production build on a free port, against `url`, healthy when it returns. */
export async function startAppServer(url: string, extraEnv: Record<string, string> = {}) {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: url, NODE_ENV: "production", INGEST_MAX_BODY_MB: "50", ...extraEnv },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const appUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return {
    server,
    appUrl,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}

export function rssMb(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/** Peak resident memory of a process and its children, sampled every 250 ms. */
export function samplePeakRss(pid: number) {
  let peak = 0;
  const tick = () => {
    let total = rssMb(pid);
    try {
      for (const child of fs.readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean)) total += rssMb(Number(child));
    } catch {
      /* no children list */
    }
    peak = Math.max(peak, total);
  };
  const timer = setInterval(tick, 250);
  tick();
  return { stop: () => (clearInterval(timer), peak) };
}

const TICKS_PER_SECOND = 100;

/** CPU seconds (user + system) a process has used so far; 0 once it has exited. */
export function processCpuSeconds(pid: number): number {
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/**
 * CPU seconds of the PostgreSQL processes that work for one database: its backends (autovacuum
 * workers included) and the server's background processes (WAL writer, checkpointer, background
 * writer), but not the backends of other databases, which another program on the same server may
 * keep busy. `start()` samples them; `stop()` returns what they used since (a backend that started
 * in between counts from zero).
 */
export function databaseCpu(client: Queryable) {
  const pids = () => databaseServerPids(client);
  let before = new Map<number, number>();
  return {
    async start() {
      before = new Map((await pids()).map((pid) => [pid, processCpuSeconds(pid)]));
    },
    async stop(): Promise<number> {
      let total = 0;
      for (const pid of new Set([...before.keys(), ...(await pids())])) total += Math.max(0, processCpuSeconds(pid) - (before.get(pid) ?? 0));
      return total;
    },
  };
}
