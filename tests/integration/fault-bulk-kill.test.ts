import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { freePort } from "@/lib/db/embedded-postgres";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";
import { insertAlerts } from "@/tests/helpers/fixtures/alerts";

/**
 * The web server killed (SIGKILL) while a bulk status change is being applied, at a moment the test
 * controls: afterwards nothing of the change remains (no alert closed, no activity or audit row);
 * uninterrupted, it applies wholly.
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

async function counts() {
  const { rows } = await pool().query(
    `SELECT (SELECT count(*)::int FROM alerts WHERE status = 'closed') AS closed,
            (SELECT count(*)::int FROM alerts WHERE status = 'open') AS open,
            (SELECT count(*)::int FROM alert_activity) AS activity,
            (SELECT count(*)::int FROM audit_log WHERE action = 'alert.bulk_update') AS audit`,
  );
  return rows[0] as { closed: number; open: number; activity: number; audit: number };
}

/** Backends of the database inside a transaction, other than this query's and the given ones. */
async function openTransactions(exceptPids: number[]) {
  const { rows } = await pool().query(
    `SELECT pid, state, wait_event_type, backend_xid IS NOT NULL AS wrote, query FROM pg_stat_activity
      WHERE datname = current_database() AND pid <> pg_backend_pid() AND pid <> ALL($1::int[])
        AND backend_type = 'client backend' AND xact_start IS NOT NULL`,
    [exceptPids],
  );
  return rows as { pid: number; state: string; wait_event_type: string | null; wrote: boolean; query: string }[];
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false>, ms = 30_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50)); // polling interval
  }
}

const bulkClose = (url: string) =>
  fetch(`${url}/api/v1/alerts/bulk`, {
    method: "POST",
    headers: { cookie, origin: url, "content-type": "application/json" },
    body: JSON.stringify({ filter: { status: "open" }, status: "closed", closingReason: "false_positive" }),
  }).catch(() => null);

test("uninterrupted, a bulk close of 1000 alerts applies wholly: each alert closed with its activity row, one audit row", async () => {
  await pool().query(`TRUNCATE alerts, alert_activity`);
  const auditBefore = (await counts()).audit;
  await insertAlerts(Array.from({ length: 1000 }, (_, i) => ({ hostName: `BULK-${i % 50}` })));
  const { server, url } = await startServer();
  try {
    expect((await bulkClose(url))?.status).toBe(200);
  } finally {
    server.kill("SIGKILL");
  }
  const c = await counts();
  expect({ ...c, audit: c.audit - auditBefore }).toEqual({ closed: 1000, open: 0, activity: 1000, audit: 1 });
}, 180_000);

/**
 * The kill must land inside the transaction: the test holds a lock the bulk change needs at one
 * of its steps, waits until PostgreSQL shows the app's backend waiting on it inside that step's
 * statement (with a transaction id: it holds row locks or has written rows), kills the web server
 * with SIGKILL, releases the lock,
 * and waits until PostgreSQL has dropped the dead connection. Nothing of the change may remain.
 */
test.each([
  ["while locking the alerts", "SELECT id FROM alerts WHERE host_name = 'BULK-7' LIMIT 1 FOR UPDATE", /FOR UPDATE/i],
  ["after every alert was updated, while inserting the activity rows", "LOCK TABLE alert_activity IN SHARE MODE", /INSERT INTO .*alert_activity/i],
  ["at the last statement, the audit row", "LOCK TABLE audit_log IN SHARE MODE", /INSERT INTO .*audit_log/i],
])("SIGKILL mid-transaction %s: nothing applied", async (_when, lockSql, statement) => {
  await pool().query(`TRUNCATE alerts, alert_activity`);
  const auditBefore = (await counts()).audit;
  await insertAlerts(Array.from({ length: 1000 }, (_, i) => ({ hostName: `BULK-${i % 50}` })));
  const { server, url } = await startServer();
  const blocker = await pool().connect();
  const own = [(await blocker.query(`SELECT pg_backend_pid() AS pid`)).rows[0].pid as number];
  try {
    await blocker.query("BEGIN");
    await blocker.query(lockSql);
    const request = bulkClose(url);
    const waiting = await until("the bulk change to wait on the test's lock", async () =>
      (await openTransactions(own)).find((b) => b.wait_event_type === "Lock"),
    );
    expect(waiting.state).toBe("active");
    expect(waiting.query).toMatch(statement); // the step the transaction is in
    expect(waiting.wrote).toBe(true); // it holds a transaction id: row locks or rows written
    server.kill("SIGKILL");
    await new Promise((r) => (server.exitCode !== null || server.signalCode ? r(null) : server.once("exit", r)));
    expect(await request).toBeNull(); // the client got no answer
  } finally {
    await blocker.query("ROLLBACK").catch(() => undefined);
    blocker.release();
  }
  await until("PostgreSQL to roll back the dead server's transaction", async () => (await openTransactions(own)).length === 0 || null);
  const c = await counts();
  expect({ ...c, audit: c.audit - auditBefore }).toEqual({ closed: 0, open: 1000, activity: 0, audit: 0 });
}, 180_000);
