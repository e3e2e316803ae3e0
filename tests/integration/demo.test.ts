import { spawn } from "node:child_process";
import pg from "pg";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateScenario } from "@/lib/demo";
import { migrate } from "@/lib/db/migrate";
import { compileQuery, evaluate } from "@/lib/eql";
import { loadRulePack } from "@/lib/rules";
import { createTestDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * `npm run demo` as a newcomer runs it, against a fresh database: exit 0, the alerts the scenario
 * promises, a used-looking triage state, and a second run that changes nothing.
 */
let dbh: TestDatabase;
let client: pg.Client;

beforeAll(async () => {
  dbh = await createTestDatabase("demo");
  await migrate(dbh.url);
  client = new pg.Client({ connectionString: dbh.url });
  await client.connect();
});
afterAll(async () => {
  await client?.end();
  await dbh?.drop();
});

function runDemo(): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/demo.ts"], {
      env: { ...process.env, DATABASE_URL: dbh.url, ADMIN_EMAIL: "boss@demo.local", ADMIN_PASSWORD: "boss-password-1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, output }));
  });
}

const count = async (sql: string, params: unknown[] = []) => Number((await client.query(sql, params)).rows[0].n);

async function snapshot() {
  return {
    events: await count(`SELECT count(*) AS n FROM events`),
    alerts: await count(`SELECT count(*) AS n FROM alerts`),
    users: await count(`SELECT count(*) AS n FROM users`),
    allowlist: await count(`SELECT count(*) AS n FROM allowlist_entries`),
    activity: await count(`SELECT count(*) AS n FROM alert_activity`),
    checklist: await count(`SELECT count(*) AS n FROM checklist_items`),
  };
}

function expectedPerRule() {
  const scenario = generateScenario({ end: Date.now() });
  const out: Record<string, { total: number; hosts: Record<string, number> }> = {};
  for (const rule of loadRulePack().rules) {
    const matches = evaluate(compileQuery(rule.query), scenario.docs);
    const hosts: Record<string, number> = {};
    for (const m of matches) {
      const h = (m.events[0] as { host: { name: string } }).host.name;
      hosts[h] = (hosts[h] ?? 0) + 1;
    }
    out[rule.ruleId] = { total: matches.length, hosts };
  }
  return { scenario, out };
}

let first: Awaited<ReturnType<typeof snapshot>>;

test("the first run fills the database, detects, triages and exits 0", async () => {
  const { code, output } = await runDemo();
  expect(code, output).toBe(0);
  expect(output).toMatch(/Events ingested: \d+ accepted, 0 duplicates, 0 rejected/);
  expect(output).toContain("analyst@demo.local");
  expect(output).toContain("http://localhost:");
  expect(output).toMatch(/INC-\d+ +8 alerts +priority +\d+ +WKS-017 → SRV-FILE-01, SRV-SQL-02, DC-01 +\(patient zero WKS-017\)/);

  const { scenario, out } = expectedPerRule();
  expect(await count(`SELECT count(*) AS n FROM events`)).toBe(scenario.docs.length);
  const { rows } = await client.query(`SELECT rule_id, host_name, count(*)::int AS n FROM alerts GROUP BY 1, 2`);
  const actual: Record<string, { total: number; hosts: Record<string, number> }> = {};
  for (const r of rows) {
    actual[r.rule_id] ??= { total: 0, hosts: {} };
    actual[r.rule_id]!.total += r.n;
    actual[r.rule_id]!.hosts[r.host_name] = r.n;
  }
  expect(actual).toEqual(out);
  expect(Object.values(out).every((r) => r.total > 0)).toBe(true);
  for (const h of [...scenario.expected.nearMissHosts, ...scenario.expected.monitoredOnlyHosts]) {
    expect(await count(`SELECT count(*) AS n FROM alerts WHERE host_name = $1`, [h])).toBe(0);
  }
  first = await snapshot();
});

test("the movement: the intruder is one incident from patient zero WKS-017; JUMP-01 and MON-01 are not in it", async () => {
  const { rows } = await client.query(
    `SELECT i.id, i.title, i.patient_zero->>'hostName' AS pz, array_agg(DISTINCT a.host_name ORDER BY a.host_name) AS hosts,
            array_agg(DISTINCT host(a.source_ip)) AS sources
     FROM incidents i JOIN alerts a ON a.incident_id = i.id GROUP BY i.id`,
  );
  const intruder = rows.filter((r) => r.pz === "WKS-017");
  expect(intruder).toHaveLength(1);
  expect(intruder[0].hosts).toEqual(["DC-01", "SRV-FILE-01", "SRV-SQL-02"]);
  expect(intruder[0].sources.sort()).toEqual(["10.13.37.5", "10.20.1.21"]);
  expect(intruder[0].title).toBe("WKS-017 → SRV-FILE-01, SRV-SQL-02, DC-01");
  for (const r of rows.filter((x) => x.pz !== "WKS-017")) {
    expect(r.sources).not.toContain("10.13.37.5");
    expect(r.sources).not.toContain("10.20.1.21");
    expect(["JUMP-01", "MON-01"]).toContain(r.pz);
  }
  // The DC-01 alert says which host 10.20.1.21 is.
  const dc = await client.query(`SELECT DISTINCT source_host_name, pivot FROM alerts WHERE host_name = 'DC-01'`);
  expect(dc.rows).toEqual([{ source_host_name: "SRV-FILE-01", pivot: true }]);
  // The incident is the first by priority (its WinRS hops come from a host with alerts of its own).
  const top = await client.query(`SELECT id FROM incidents WHERE merged_into IS NULL ORDER BY priority DESC, last_activity_at DESC LIMIT 1`);
  expect(top.rows[0].id).toBe(intruder[0].id);
});

test("users: the admin from ADMIN_EMAIL, the demo analyst and viewer", async () => {
  const { rows } = await client.query(`SELECT email, role FROM users ORDER BY email`);
  expect(rows).toEqual([
    { email: "analyst@demo.local", role: "analyst" },
    { email: "boss@demo.local", role: "admin" },
    { email: "viewer@demo.local", role: "viewer" },
  ]);
});

test("triage state: acknowledged and assigned intruder alerts, a ticked checklist, closed admin and probe alerts", async () => {
  const acked = await client.query(`SELECT id, assignee, host(source_ip) AS ip FROM alerts WHERE status = 'acknowledged'`);
  expect(acked.rows.length).toBe(2);
  for (const a of acked.rows) {
    expect(a.assignee).toBe("analyst@demo.local");
    expect(["10.13.37.5", "10.20.1.21"]).toContain(a.ip);
  }
  const benign = await client.query(`SELECT host(source_ip) AS ip FROM alerts WHERE closing_reason = 'benign'`);
  expect(benign.rows).toEqual([{ ip: "10.20.0.10" }]);
  const fp = await client.query(`SELECT host(source_ip) AS ip FROM alerts WHERE closing_reason = 'false_positive'`);
  expect(fp.rows).toEqual([{ ip: "10.20.0.50" }]);
  // The allowlist closed the other probe alerts; no MON-01 alert is left open.
  expect(await count(`SELECT count(*) AS n FROM alerts WHERE source_ip = '10.20.0.50' AND status <> 'closed'`)).toBe(0);
  expect(await count(`SELECT count(*) AS n FROM alerts WHERE closing_reason = 'allowlisted'`)).toBeGreaterThan(0);

  const checklist = await client.query(`SELECT alert_id, done, done_by FROM checklist_items`);
  expect(checklist.rows.length).toBe(2);
  expect(checklist.rows.every((r) => r.done && r.done_by === "analyst@demo.local")).toBe(true);
  const alertId = checklist.rows[0].alert_id;
  expect(checklist.rows[1].alert_id).toBe(alertId);
  const done = await client.query(`SELECT checklist_done, checklist_total FROM alerts WHERE id = $1`, [alertId]);
  expect(done.rows[0].checklist_done).toBe(2);
  expect(done.rows[0].checklist_total).toBeGreaterThan(2);

  const kinds = await client.query(`SELECT kind, count(*)::int AS n FROM alert_activity WHERE actor = 'analyst@demo.local' GROUP BY kind`);
  const byKind = Object.fromEntries(kinds.rows.map((r) => [r.kind, r.n]));
  expect(byKind.status).toBeGreaterThanOrEqual(4);
  expect(byKind.assign).toBeGreaterThanOrEqual(2);
  expect(byKind.checklist).toBe(2);

  const entries = await client.query(`SELECT id, name, rule_id, conditions, case_insensitive, enabled FROM allowlist_entries`);
  expect(entries.rows).toHaveLength(1);
  expect(entries.rows[0]).toMatchObject({
    name: "Monitoring probes from MON-01",
    rule_id: null,
    case_insensitive: true,
    enabled: true,
    conditions: [{ field: "source.ip", operator: "is", values: ["10.20.0.50"] }],
  });
  expect(await count(`SELECT count(*) AS n FROM allowlist_changes WHERE entry_id = $1 AND action = 'created'`, [entries.rows[0].id])).toBe(1);
});

test("a second run adds no events, alerts, users, entries or activity", async () => {
  const { code, output } = await runDemo();
  expect(code, output).toBe(0);
  expect(output).toMatch(/Events ingested: 0 accepted, \d+ duplicates, 0 rejected/);
  expect(await snapshot()).toEqual(first);
});
