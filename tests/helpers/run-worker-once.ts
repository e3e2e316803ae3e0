import { spawn } from "node:child_process";

export interface WorkerRun {
  code: number | null;
  signal: string | null;
  out: string;
}

/**
 * `lib/worker/main.ts --once` on a database, optionally killed with SIGKILL `killAfterMs` after its
 * own "started" line (its database open and rules loaded), so the kill lands during the run on a
 * fast machine as on a slow one.
 */
export function runWorkerOnce(databaseUrl: string, opts: { batchSize: number; killAfterMs: number | null }): Promise<WorkerRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts", "--once"], {
      cwd: process.cwd(),
      env: { ...process.env, DATABASE_URL: databaseUrl, DETECTION_BATCH_SIZE: String(opts.batchSize) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let timer: NodeJS.Timeout | null = null;
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => {
      out += d;
      if (opts.killAfterMs !== null && !timer && /\] \S+ started:/.test(out)) timer = setTimeout(() => child.kill("SIGKILL"), opts.killAfterMs);
    });
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      resolve({ code, signal, out });
    });
  });
}
