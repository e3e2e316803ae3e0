import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createApiKey } from "@/lib/users/create-api-key";
import { closeDb } from "@/lib/db/client";
import { freePort, startEmbeddedPostgres, type EmbeddedServer } from "@/lib/db/embedded-postgres";
import { migrate } from "@/lib/db/migrate";
import { resetEnvCache } from "@/lib/env";

/**
 * PostgreSQL restarted during sustained ingest: clients see 503 with Retry-After (or a failed
 * connection) and retry the same batch; afterwards every acknowledged event is stored exactly once.
 * This test runs its own embedded server so that it can restart it.
 */
let dir: string;
let port: number;
let server: EmbeddedServer;
let app: ChildProcess;
let appUrl: string;
let key: string;
let dbUrl: string;

async function startPg() {
  server = await startEmbeddedPostgres({ dataDir: path.join(dir, "data"), port, persistent: true });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "lateral-fault-"));
  fs.chmodSync(dir, 0o777);
  port = await freePort();
  await startPg();
  dbUrl = server.url;
  await migrate(dbUrl);
  process.env.DATABASE_URL = dbUrl;
  resetEnvCache();
  key = (await createApiKey({ name: "fault", scope: "ingest" }, { actor: systemActor("test") })).key;
  await closeDb();
  const appPort = await freePort();
  appUrl = `http://127.0.0.1:${appPort}`;
  app = spawn(process.execPath, [path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-p", String(appPort), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: dbUrl, NODE_ENV: "production" },
    stdio: "ignore",
  });
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${appUrl}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}, 120_000);

afterAll(async () => {
  app?.kill("SIGKILL");
  await server?.stop().catch(() => undefined);
  fs.rmSync(dir, { recursive: true, force: true });
});

/** Polls a condition the clients update (a readiness signal, not a fixed wait). */
async function until(what: string, cond: () => boolean, ms = 60_000) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("PostgreSQL restarted mid-ingest: 503 + Retry-After, retries, and every acknowledged event stored exactly once", async () => {
  const acknowledged = new Set<string>();
  let status503 = 0;
  let retryAfterMissing = 0;
  let otherErrors = 0;
  let stop = false;

  const client = async (c: number) => {
    for (let b = 0; !stop || b < 3; b++) {
      const ids = Array.from({ length: 200 }, (_, i) => `c${c}-b${b}-e${i}`);
      const body = ids
        .map((id, i) => JSON.stringify({ "@timestamp": new Date(Date.UTC(2026, 10, 20, 10, 0, i)).toISOString(), event: { id, category: ["process"] }, host: { id: `h${c}` } }))
        .join("\n");
      for (let attempt = 0; ; attempt++) {
        let res: Response | null;
        try {
          res = await fetch(`${appUrl}/api/v1/events`, { method: "POST", headers: { authorization: `ApiKey ${key}` }, body });
        } catch {
          res = null; // connection-level failure: retry
        }
        if (res && res.ok) {
          const out = await res.json();
          expect(out.accepted + out.duplicates).toBe(200);
          ids.forEach((id) => acknowledged.add(id));
          break;
        }
        if (res?.status === 503) {
          status503++;
          if (!res.headers.get("retry-after")) retryAfterMissing++;
        } else if (res) {
          otherErrors++;
          if (otherErrors < 3) console.log("unexpected answer", res.status, await res.text());
        }
        if (attempt > 200) throw new Error("never recovered");
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  };

  const clients = [0, 1, 2, 3].map(client);
  await until("ingest under way (8 batches acknowledged)", () => acknowledged.size >= 8 * 200);
  await server.stop(); // the database goes away under load…
  await until("the clients to be answered 503 (four times)", () => status503 >= 4);
  const ackedDuringOutage = acknowledged.size;
  await startPg(); // …and comes back
  await until("ingest to go on after the restart (8 more batches)", () => acknowledged.size >= ackedDuringOutage + 8 * 200);
  stop = true;
  await Promise.all(clients);

  expect(status503).toBeGreaterThan(0);
  expect(retryAfterMissing).toBe(0);
  expect(otherErrors).toBe(0);
  const c = new pg.Client({ connectionString: dbUrl });
  await c.connect();
  const { rows } = await c.query(`SELECT event_id, count(*)::int AS n FROM events GROUP BY event_id`);
  await c.end();
  const stored = new Map(rows.map((r) => [r.event_id as string, r.n as number]));
  expect([...stored.values()].every((n) => n === 1)).toBe(true);
  for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
  expect(stored.size).toBeGreaterThanOrEqual(acknowledged.size);
}, 180_000);
