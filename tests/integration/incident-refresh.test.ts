import { afterAll, beforeAll, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { insertAlert, type NewAlertRow } from "@/lib/db/queries/detection-alerts";
import { pgSql } from "@/lib/db/queries/sql";
import { inPgTransaction } from "@/lib/db/transaction";
import { createRandom } from "@/lib/demo/random";
import { getIncident } from "@/lib/incidents/get-incident";
import { groupAlerts, refreshIncidents } from "@/lib/incidents/group-alerts";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * Grouping keeps an incident that only gained new alerts up to date from its stored summary and
 * those alerts (lib/incidents/group-alerts.ts, refreshIncidents): after every batch, each incident's
 * stored summary must be exactly what recomputing it from all of its alerts gives. The data grows an
 * incident past the 300 alerts its chain is built from (later alerts leave the chain alone), then
 * brings alerts dated before its 300th (the chain is read again), a second address's incident that a
 * severities, risk scores, critical targets and closed alerts. The stored open-alert count is
 * grouping's snapshot, so the incident page counts open alerts when read.
 */
let db: TestDatabase;
const START = Date.parse("2026-11-10T00:00:00Z");
const MINUTE = 60_000;
const OPTIONS = { windowMs: 24 * 3_600_000, ownershipMs: 3_600_000 };

function alert(n: number, at: number, sourceIp: string, r: ReturnType<typeof createRandom>): NewAlertRow {
  const host = r.int(0, 59);
  const severity = (["low", "medium", "high", "critical"] as const)[r.int(0, 3)];
  return {
    id: `refresh-${n}`, ruleId: "rule-refresh", ruleName: "Refresh test", ruleVersion: 1, severity, riskScore: r.int(10, 99),
    reason: "test", hostId: `host-${host}`, hostName: host % 10 === 0 ? `DC-${host}` : `SRV-${host}`, sourceIp, sourcePort: 40000 + n,
    userName: null, processName: null, processExecutable: null, parentName: null, commandLine: null,
    firstEventAt: new Date(at), lastEventAt: new Date(at + r.int(0, 5) * MINUTE), events: [], stages: [], threat: [], checklistTotal: 0,
    dataset: null, identity: null,
  };
}

/** Every stored incident's summary, as grouping wrote it. */
async function summaries() {
  const { rows } = await pool().query(
    `SELECT id, title, priority, severity, risk_score, critical, alert_count, open_alert_count, host_count, hosts, patient_zero,
            first_alert_at, last_alert_at, merged_into FROM incidents ORDER BY id`,
  );
  return rows;
}

/** The same, each recomputed from all of its alerts (in a transaction rolled back). */
async function recomputed() {
  const c = await pool().connect();
  try {
    await c.query("BEGIN");
    const { rows } = await c.query<{ id: string }>(`SELECT id FROM incidents`);
    await refreshIncidents(pgSql(c), rows.map((r) => r.id), OPTIONS.windowMs);
    const { rows: after } = await c.query(
      `SELECT id, title, priority, severity, risk_score, critical, alert_count, open_alert_count, host_count, hosts, patient_zero,
              first_alert_at, last_alert_at, merged_into FROM incidents ORDER BY id`,
    );
    return after;
  } finally {
    await c.query("ROLLBACK");
    c.release();
  }
}

async function detect(batch: NewAlertRow[], closed: Set<string>) {
  const c = await pool().connect();
  try {
    await inPgTransaction(c, async () => {
      for (const a of batch) await insertAlert(c, a);
      // Alerts an allowlist closes are inserted closed: they count as alerts, not as open ones.
      await c.query(`UPDATE alerts SET status = 'closed' WHERE id = ANY($1::text[])`, [batch.filter((a) => closed.has(a.id)).map((a) => a.id)]);
      await groupAlerts(pgSql(c), batch.map((a) => a.id), OPTIONS);
    });
  } finally {
    c.release();
  }
}

beforeAll(async () => {
  db = await openMigratedDatabase("increfresh");
  await pool().query(`INSERT INTO critical_hosts (id, pattern, created_by) VALUES (gen_random_uuid(), 'DC-*', 'test')`);
}, 60_000);
afterAll(() => closeMigratedDatabase(db));

test("after every batch, each incident's stored summary equals recomputing it from all its alerts", async () => {
  const r = createRandom(17);
  // 420 alerts from one address, two minutes apart, in batches of 30: one incident past 300 alerts.
  const main = Array.from({ length: 420 }, (_, i) => alert(i, START + i * 2 * MINUTE, "10.9.0.1", r));
  // Another address's incident an hour after the first began, then alerts dated inside the first's
  // earliest 300, and one before all of them, arriving last.
  const second = Array.from({ length: 40 }, (_, i) => alert(1000 + i, START + 60 * MINUTE + i * 3 * MINUTE, "10.9.0.2", r));
  const late = Array.from({ length: 12 }, (_, i) => alert(2000 + i, START + 7 * MINUTE + i * 5 * MINUTE, "10.9.0.1", r));
  const earliest = alert(3000, START - 30 * MINUTE, "10.9.0.1", r);
  const closed = new Set([...main, ...second].filter((_, i) => i % 9 === 4).map((a) => a.id));
  const batches: NewAlertRow[][] = [];
  for (let i = 0; i < main.length; i += 30) batches.push(main.slice(i, i + 30));
  batches.splice(3, 0, second.slice(0, 20));
  batches.splice(8, 0, second.slice(20));
  batches.push(late, [earliest]);

  let checked = 0;
  for (const batch of batches) {
    await detect(batch, closed);
    const stored = await summaries();
    expect(stored).toEqual(await recomputed());
    checked += stored.length;
  }
  const live = (await summaries()).filter((s) => s.merged_into === null && s.alert_count > 0);
  expect(live.map((s) => s.alert_count).sort((a, b) => a - b)).toEqual([second.length, main.length + late.length + 1]);
  const first = live.find((s) => s.alert_count > second.length)!;
  expect(first.open_alert_count).toBe(first.alert_count - main.filter((a) => closed.has(a.id)).length);
  expect(first.host_count).toBe(60);
  expect(first.critical).toBe(true);
  expect(first.first_alert_at).toEqual(earliest.firstEventAt);
  expect(checked).toBeGreaterThan(batches.length);
}, 120_000);

test("an incident's page counts its open alerts when read, past its first 500 and after alerts were triaged one by one", async () => {
  const r = createRandom(29);
  const many = Array.from({ length: 520 }, (_, i) => alert(5000 + i, START + 3 * 86_400_000 + i * MINUTE, "10.9.0.3", r));
  await detect(many, new Set());
  const { rows } = await pool().query<{ id: string; open_alert_count: number }>(
    `SELECT i.id, i.open_alert_count FROM incidents i JOIN alerts a ON a.incident_id = i.id WHERE a.id = $1`,
    [many[0].id],
  );
  expect(rows[0].open_alert_count).toBe(many.length);
  // Triage closes alerts one by one; grouping's stored count is left as it was.
  const closedLate = [many[3], many[510], many[519]].map((a) => a.id);
  await pool().query(`UPDATE alerts SET status = 'closed' WHERE id = ANY($1::text[])`, [closedLate]);
  const page = await getIncident({ id: rows[0].id }, { actor: systemActor("test") });
  expect(page.alertsTruncated).toBe(true);
  expect(page.alertCount).toBe(many.length);
  expect(page.openAlertCount).toBe(many.length - closedLate.length);
}, 120_000);
