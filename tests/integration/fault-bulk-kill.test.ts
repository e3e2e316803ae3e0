import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded-postgres";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";
import { insertAlerts } from "@/tests/helpers/fixtures/alerts";

/**
 * The web server killed (SIGKILL) while a bulk status change is being applied: afterwards the
 * change is either wholly applied or not at all: every alert closed with its activity row, or none.
 */
let app: TestApp;
let cookie: string;
beforeAll(async () => {
  app = await startTestApp();
  const u = await app.user("analyst");
  cookie = await signInCookie(app, u.email, u.password);
});
afterAll(() => app?.stop());

async function startServer(): Promise<{ server: ChildProcess; url: string }> {
  const port = await freePort();
  const server = spawn(process.execPath, [path.join(process.cwd(), "node_modules/next/dist/bin/next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: app.db.url, NODE_ENV: "production" },
    stdio: "ignore",
  });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 150; i++) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { server, url };
}

test("SIGKILL during a bulk close: all or nothing, whatever the moment", async () => {
  const outcomes: string[] = [];
  let fullMs = 0;
  // First uninterrupted (to learn how long the change takes), then killed at points within it.
  for (const fraction of [null, 0.05, 0.3, 0.6, 0.9]) {
    await pool().query(`TRUNCATE alerts, alert_activity`);
    await insertAlerts(Array.from({ length: 3000 }, (_, i) => ({ hostName: `BULK-${i % 50}` })));
    const { server, url } = await startServer();
    const started = performance.now();
    const request = fetch(`${url}/api/v1/alerts/bulk`, {
      method: "POST",
      headers: { cookie, origin: url, "content-type": "application/json" },
      body: JSON.stringify({ filter: { status: "open" }, status: "closed", closingReason: "false_positive" }),
    }).catch(() => null);
    if (fraction === null) {
      expect((await request)?.status).toBe(200);
      fullMs = performance.now() - started;
    } else {
      await new Promise((r) => setTimeout(r, fraction * fullMs));
    }
    server.kill("SIGKILL");
    await request;
    await new Promise((r) => server.exitCode !== null || server.signalCode ? r(null) : server.once("exit", r));
    // Give PostgreSQL a moment to notice the dead connection and roll its transaction back.
    await new Promise((r) => setTimeout(r, 500));
    const { rows } = await pool().query(
      `SELECT (SELECT count(*)::int FROM alerts WHERE status = 'closed') AS closed,
              (SELECT count(*)::int FROM alerts WHERE status = 'open') AS open,
              (SELECT count(*)::int FROM alert_activity) AS activity`,
    );
    const { closed, open, activity } = rows[0];
    expect([0, 3000]).toContain(closed);
    expect(closed + open).toBe(3000);
    expect(activity).toBe(closed); // one activity row per closed alert, none otherwise
    if (fraction === null) expect(closed).toBe(3000);
    outcomes.push(`${fraction === null ? "uninterrupted" : `killed at ${Math.round(fraction * fullMs)} ms`}: ${closed ? "applied" : "not applied"}`);
  }
  console.log(`bulk close of 3000 alerts (${Math.round(fullMs)} ms): ${outcomes.join("; ")}`);
}, 240_000);
