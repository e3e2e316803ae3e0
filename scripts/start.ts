import { spawn, type ChildProcess } from "node:child_process";
import { closeDb } from "../lib/db/client";
import { openDatabase, type DatabaseHandle } from "../lib/db/database";
import { env } from "../lib/env";
import { notifyKeyFromDataDir } from "../lib/notify/key-file";
import { ensureInitialAdmin } from "../lib/users/create-user";
import { createBackoff, sleep, type Backoff } from "../lib/worker/backoff";
import { buildIfNeeded } from "./build-if-needed";

/**
 * `npm start` (and `npm run dev` with --dev): database (DATABASE_URL, else the embedded one in
 * DATA_DIR), migrations, the first admin, a production build when sources changed, then the web
 * server (scripts/server.ts) and the detection worker as child processes, supervised:
 * - a child that exits is started again after a bounded, jittered backoff (1 s doubling to 30 s;
 *   back to 1 s once a child has run for a minute);
 * - the embedded PostgreSQL, when this script started it, is started again the same way after it
 *   died (crash, kill -9, out of memory), as often as it takes;
 * - the script itself exits only on SIGINT/SIGTERM, after stopping the children and the database.
 */
const dev = process.argv.includes("--dev");
const root = process.cwd();
const STABLE_AFTER_MS = 60_000;
let shuttingDown = false;
const stopped = new AbortController();

function log(message: string) {
  console.log(`[lateral] ${message}`);
}

interface Supervised {
  name: string;
  current: ChildProcess | null;
}
const supervised: Supervised[] = [];

async function main() {
  const e = env();
  const database = await openDatabase({ log });
  const admin = await ensureInitialAdmin({ email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD });
  if (admin) {
    log(`Created the first admin: ${admin.email}`);
    if (admin.password) log(`Its generated password (shown once): ${admin.password}`);
  }
  await closeDb();

  if (!dev) await buildIfNeeded(root, log);

  process.on("SIGINT", () => void shutdown(database, 0));
  process.on("SIGTERM", () => void shutdown(database, 0));

  if (database.server) void superviseDatabase(database);
  const childEnv: Record<string, string> = { DATABASE_URL: database.url, PORT: String(e.PORT), HOST: e.HOST };
  if (!e.NOTIFY_SECRET_KEY) {
    const k = notifyKeyFromDataDir(e.DATA_DIR);
    if (k.created) log(`Notification secrets are encrypted with a new key in ${k.file} (keep it with the database, or set NOTIFY_SECRET_KEY)`);
    childEnv.NOTIFY_SECRET_KEY = k.key;
  }
  supervise("web", ["--import", "tsx", "scripts/server.ts", ...(dev ? ["--dev"] : [])], childEnv);
  supervise("worker", ["--import", "tsx", "lib/worker/main.ts"], childEnv);
  log(`Lateral is starting on http://localhost:${e.PORT}`);
}

/** Runs `node args…` as `name` until shutdown, starting it again with backoff whenever it exits. */
function supervise(name: string, args: string[], extraEnv: Record<string, string>) {
  const entry: Supervised = { name, current: null };
  supervised.push(entry);
  const backoff = createBackoff({ baseMs: 1_000, maxMs: 30_000 });
  void (async () => {
    while (!shuttingDown) {
      const started = Date.now();
      const child = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...extraEnv }, stdio: "inherit" });
      entry.current = child;
      log(`${name} started (pid ${child.pid})`);
      const exit = await new Promise<string>((resolve) => {
        child.once("error", (err) => resolve(err.message));
        child.once("exit", (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`));
      });
      entry.current = null;
      if (shuttingDown) return;
      if (Date.now() - started >= STABLE_AFTER_MS) backoff.reset();
      const delay = backoff.next();
      log(`${name} exited (${exit}); starting it again in ${(delay / 1000).toFixed(1)} s`);
      await sleep(delay, stopped.signal);
    }
  })();
}

/** The embedded PostgreSQL started by this script: started again, with backoff, whenever it dies. */
async function superviseDatabase(database: DatabaseHandle) {
  const backoff: Backoff = createBackoff({ baseMs: 1_000, maxMs: 5_000 });
  while (!shuttingDown && database.server) {
    log(`the embedded PostgreSQL runs (pid ${database.server.pid})`);
    await database.server.exited;
    if (shuttingDown) return;
    log("the embedded PostgreSQL exited unexpectedly; starting it again");
    for (;;) {
      await sleep(backoff.next(), stopped.signal);
      if (shuttingDown) return;
      try {
        await database.restart();
        backoff.reset();
        break;
      } catch (err) {
        if (backoff.failures === 1 || backoff.failures % 12 === 0) {
          log(`the embedded PostgreSQL did not start (attempt ${backoff.failures}): ${(err as Error).message.split("\n")[0]}; retrying`);
        }
      }
    }
  }
}

async function shutdown(database: DatabaseHandle | null, code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  stopped.abort();
  log("Stopping…");
  await Promise.all(supervised.map((s) => (s.current ? stopChild(s.current) : undefined)));
  await database?.stop().catch(() => undefined);
  process.exit(code);
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill("SIGTERM");
  });
}

main().catch(async (err) => {
  console.error(`[lateral] ${err instanceof Error ? err.message : String(err)}`);
  await shutdown(null, 1);
});
