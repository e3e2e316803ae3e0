import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { systemActor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/users/create-api-key";
import type { ApiKeyScope, Role } from "@/lib/auth/roles";
import { closeDb } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { createUser } from "@/lib/users/create-user";
import { freePort } from "@/lib/db/embedded-postgres";
import { createTestDatabase, type TestDatabase } from "./database";

/**
 * The real app for a test file: its own migrated database and the production build (made by the
 * global setup) over real HTTP. By default the file gets a port of the run's shared server bound
 * to its database (tests/helpers/shared-app-server.ts); with `env` (settings a server reads at
 * start) or `ownServer`, a `next start` of its own on a free port. The test process talks to the
 * same database through lib/ (DATABASE_URL is set for it too).
 */
export interface TestApp {
  url: string;
  db: TestDatabase;
  /** The server's output (the shared server's is every file's). */
  output: () => string;
  user(role: Role, password?: string): Promise<{ email: string; password: string; id: string }>;
  apiKey(scope: ApiKeyScope): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestApp(opts: { env?: Record<string, string>; ownServer?: boolean } = {}): Promise<TestApp> {
  const db = await createTestDatabase("app");
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  resetEnvCache();
  const served = opts.env || opts.ownServer ? await ownServer(db, opts.env ?? {}) : await sharedServerPort(db);
  await waitForHealth(served.url, served.output);
  return {
    url: served.url,
    db,
    output: served.output,
    async user(role, password = "correct horse battery") {
      const email = `${role}${++counter}-${Date.now()}@example.test`;
      const { user } = await createUser({ email, role, password }, { actor: systemActor("test") });
      return { email, password, id: user.id };
    },
    async apiKey(scope) {
      return (await createApiKey({ name: `test-${scope}-${++counter}`, scope }, { actor: systemActor("test") })).key;
    },
    async stop() {
      await served.stop();
      await closeDb();
      await db.drop();
    },
  };
}

interface Served {
  url: string;
  output: () => string;
  stop(): Promise<void>;
}

async function sharedServerPort(db: TestDatabase): Promise<Served> {
  const control = process.env.TEST_APP_CONTROL_URL;
  if (!control) throw new Error("No shared app server: run through the integration or e2e config, after a build (SKIP_APP_BUILD=1 needs an earlier `npx next build`)");
  const res = await fetch(`${control}/apps`, { method: "POST", body: JSON.stringify({ database: db.name }) });
  if (res.status !== 201) throw new Error(`the shared app server refused: ${res.status} ${await res.text()}`);
  const { port } = (await res.json()) as { port: number };
  const log = process.env.TEST_APP_LOG;
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => (log && fs.existsSync(log) ? fs.readFileSync(log, "utf8") : ""),
    async stop() {
      await fetch(`${control}/apps/${port}`, { method: "DELETE" });
    },
  };
}

async function ownServer(db: TestDatabase, env: Record<string, string>): Promise<Served> {
  const port = await freePort();
  const root = process.cwd();
  let log = "";
  const server: ChildProcess = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => log,
    stop: () =>
      new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      }),
  };
}

async function waitForHealth(url: string, log: () => string) {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.status === 200) return;
    } catch {
      /* not listening yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`The app did not become healthy:\n${log()}`);
}

/** Signs in through the API and returns the cookie header to send back. */
export async function signInCookie(app: TestApp, email: string, password: string): Promise<string> {
  const res = await fetch(`${app.url}/api/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return res.headers.get("set-cookie")!.split(";")[0];
}
