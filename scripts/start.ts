import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { closeDb } from "../lib/db/client";
import { openDatabase } from "../lib/db/database";
import { env } from "../lib/env";
import { notifyKeyFromDataDir } from "../lib/notify/key-file";
import { ensureInitialAdmin } from "../lib/users/create-user";
import { buildIfNeeded } from "./build-if-needed";

/**
 * `npm start` (and `npm run dev` with --dev): database (DATABASE_URL, else the embedded one in
 * DATA_DIR), migrations, the first admin, a production build when sources changed, then the web
 * server and the detection worker as two child processes. Ctrl-C / SIGTERM stops all of it.
 */
const dev = process.argv.includes("--dev");
const root = process.cwd();
const children: ChildProcess[] = [];
let shuttingDown = false;

function log(message: string) {
  console.log(`[lateral] ${message}`);
}

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

  const childEnv: Record<string, string> = { DATABASE_URL: database.url, PORT: String(e.PORT) };
  if (!e.NOTIFY_SECRET_KEY) {
    const k = notifyKeyFromDataDir(e.DATA_DIR);
    if (k.created) log(`Notification secrets are encrypted with a new key in ${k.file} (keep it with the database, or set NOTIFY_SECRET_KEY)`);
    childEnv.NOTIFY_SECRET_KEY = k.key;
  }
  const web = spawnChild("web", process.execPath, [nextBin(), dev ? "dev" : "start", "-p", String(e.PORT), "-H", e.HOST], childEnv);
  spawnChild("worker", process.execPath, ["--import", "tsx", "lib/worker/main.ts"], childEnv);
  web.once("spawn", () => log(`Lateral is starting on http://localhost:${e.PORT}`));

  const shutdown = async (code: number) => {
    if (shuttingDown) return;
    shuttingDown = true;
    log("Stopping…");
    await Promise.all(children.map(stopChild));
    await database.stop();
    process.exit(code);
  };
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  for (const child of children) {
    child.once("exit", (code) => {
      if (!shuttingDown) {
        log(`A process exited unexpectedly (code ${code}); stopping.`);
        void shutdown(1);
      }
    });
  }
}

function nextBin() {
  return path.join(root, "node_modules/next/dist/bin/next");
}

function spawnChild(name: string, cmd: string, args: string[], extraEnv: Record<string, string>) {
  const child = spawn(cmd, args, { cwd: root, env: { ...process.env, ...extraEnv }, stdio: "inherit" });
  children.push(child);
  return child;
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
  await Promise.all(children.map(stopChild));
  process.exit(1);
});
