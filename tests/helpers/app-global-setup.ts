import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { buildIfNeeded } from "@/scripts/build-if-needed";
import { failRunOnError } from "./postgres-global-setup";

/**
 * One production build of the web app for the whole run (skipped when it is current, or when
 * SKIP_APP_BUILD=1 reuses the last one), and one server for it shared by the run's test files
 * (tests/helpers/shared-app-server.ts): each file gets a port of its own bound to its own
 * database. Without a build (SKIP_APP_BUILD=1 before any build) no server is started, and a file
 * that asks for the app is told why.
 */
let server: ChildProcess | undefined;

export async function setup() {
  await failRunOnError(async () => {
    if (process.env.SKIP_APP_BUILD !== "1") await buildIfNeeded(process.cwd(), (m) => console.log(m));
    if (!fs.existsSync(path.join(process.cwd(), ".next/BUILD_ID"))) return;
    await startSharedServer();
  });
}

async function startSharedServer() {
  const log = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "lateral-test-app-")), "server.log");
  const out = fs.openSync(log, "a");
  const child = spawn(process.execPath, ["--import", "tsx", path.join(process.cwd(), "tests/helpers/shared-app-server.ts")], {
    cwd: process.cwd(),
    env: { ...process.env, NODE_ENV: "production", DB_POOL_SIZE: "4" },
    stdio: ["ignore", "pipe", out],
  });
  server = child;
  const port = await new Promise<number>((resolve, reject) => {
    let seen = "";
    child.stdout!.on("data", (d: Buffer) => {
      fs.appendFileSync(log, d);
      seen += d;
      const m = /^ready (\d+)$/m.exec(seen);
      if (m) resolve(Number(m[1]));
    });
    child.once("exit", (code) => reject(new Error(`the shared app server exited (${code}):\n${fs.readFileSync(log, "utf8")}`)));
  });
  process.env.TEST_APP_CONTROL_URL = `http://127.0.0.1:${port}`;
  process.env.TEST_APP_LOG = log;
}

export async function teardown() {
  const child = server;
  if (!child || child.exitCode !== null) return;
  await new Promise<void>((resolve) => {
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}
