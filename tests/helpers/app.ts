import { spawn, type ChildProcess } from "node:child_process";
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
 * The real app for a test file: its own migrated database, `next start` on a free port (the
 * production build made by the global setup), real HTTP. The test process talks to the same
 * database through lib/ (DATABASE_URL is set for it too).
 */
export interface TestApp {
  url: string;
  db: TestDatabase;
  server: ChildProcess;
  output: () => string;
  user(role: Role, password?: string): Promise<{ email: string; password: string; id: string }>;
  apiKey(scope: ApiKeyScope): Promise<string>;
  stop(): Promise<void>;
}

let counter = 0;

export async function startTestApp(opts: { env?: Record<string, string> } = {}): Promise<TestApp> {
  const db = await createTestDatabase("app");
  await migrate(db.url);
  process.env.DATABASE_URL = db.url;
  resetEnvCache();
  const port = await freePort();
  const root = process.cwd();
  let log = "";
  const server = spawn(process.execPath, ["--import", "tsx", path.join(root, "scripts/server.ts")], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: db.url, NODE_ENV: "production", PORT: String(port), HOST: "127.0.0.1", ...opts.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (log += d));
  server.stderr!.on("data", (d) => (log += d));
  const url = `http://127.0.0.1:${port}`;
  await waitForHealth(url, () => log);
  return {
    url,
    db,
    server,
    output: () => log,
    async user(role, password = "correct horse battery") {
      const email = `${role}${++counter}-${Date.now()}@example.test`;
      const { user } = await createUser({ email, role, password }, { kind: "system", id: "test", label: "test", role: "admin" });
      return { email, password, id: user.id };
    },
    async apiKey(scope) {
      return (await createApiKey({ name: `test-${scope}-${++counter}`, scope }, systemActor("test"))).key;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        if (server.exitCode !== null) return resolve();
        server.once("exit", () => resolve());
        server.kill("SIGTERM");
      });
      await closeDb();
      await db.drop();
    },
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
