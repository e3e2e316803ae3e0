import { afterAll, describe, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { pgSql } from "@/lib/db/queries/sql";
import { generateScenario } from "@/lib/demo";
import { EventFactory, wellKnown } from "@/lib/demo/event-factory";
import type { DemoHost } from "@/lib/demo/hosts";
import { createRandom } from "@/lib/demo/random";
import { powershellSession } from "@/lib/demo/remoting";
import { runOnce } from "@/lib/detection/detection-loop";
import { groupAlerts } from "@/lib/incidents/group-alerts";
import { splitIncident } from "@/lib/incidents/merge-split";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { movementOptions } from "@/lib/movement/options";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * Grouping in the worker on PostgreSQL: the demo's story, the same incidents whatever the arrival
 * order and however often detection runs, a late ownership event that merges two incidents, an
 * analyst's split that a later regrouping leaves alone.
 */
let dbh: TestDatabase | undefined;
const rules = loadRulePack().rules;
const END = Date.parse("2026-11-30T18:00:00Z");

/** One database for the file, emptied between cases (as a new installation would be). */
async function fresh() {
  dbh ??= await openMigratedDatabase("incidents");
  await pool().query(
    `TRUNCATE events, event_keys, alerts, alert_activity, incidents, incident_activity, address_observations, winrm_hops, rule_checkpoints, checklist_items`,
  );
  await pool().query(`UPDATE movement_state SET checkpoint = 0`);
}
afterAll(async () => {
  await closeMigratedDatabase(dbh);
});

async function ingest(docs: object[]) {
  for (let i = 0; i < docs.length; i += 5000) {
    const s = await ingestDocuments(docs.slice(i, i + 5000).map((doc) => ({ doc })));
    expect(s.rejected).toBe(0);
  }
}
const detect = () => runOnce(rules, { workerId: "test" }, () => false);

/** Incidents with their alerts, each named by its events' event.id (store ids depend on arrival order). */
async function incidents() {
  const { rows } = await pool().query<{ id: string; title: string; pz: string | null; alerts: string[]; hosts: string[] }>(
    `SELECT i.id, i.title, i.patient_zero->>'hostName' AS pz,
            array_agg((SELECT string_agg(e->>'eventId', ',') FROM jsonb_array_elements(a.events) e) ORDER BY 1) AS alerts,
            array_agg(DISTINCT a.host_name) AS hosts
     FROM incidents i JOIN alerts a ON a.incident_id = i.id GROUP BY i.id ORDER BY min(a.first_event_at)`,
  );
  return rows;
}
const shape = (list: Awaited<ReturnType<typeof incidents>>) =>
  list.map(({ title, pz, alerts }) => ({ title, pz, alerts: [...alerts].sort() })).sort((a, b) => (a.alerts[0] < b.alerts[0] ? -1 : 1));

function seededShuffle<T>(list: T[], seed: number): T[] {
  const r = createRandom(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = r.int(0, i);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("the demo's story, on PostgreSQL", () => {
  let inOrder: ReturnType<typeof shape>;

  test("the intruder is one incident from WKS-017 through SRV-FILE-01 to SRV-SQL-02 and DC-01; the admin and MON-01 are apart", async () => {
    await fresh();
    const scenario = generateScenario({ end: END });
    await ingest(scenario.docs);
    await detect();
    const list = await incidents();
    const intruder = list.filter((i) => i.pz === "WKS-017");
    expect(intruder).toHaveLength(1);
    expect(intruder[0].hosts.sort()).toEqual(["DC-01", "SRV-FILE-01", "SRV-SQL-02"]);
    expect(intruder[0].alerts).toHaveLength(8);
    expect(intruder[0].title).toBe("WKS-017 → SRV-FILE-01, SRV-SQL-02, DC-01");
    const jump = list.filter((i) => i.pz === "JUMP-01");
    const mon = list.filter((i) => i.pz === "MON-01");
    expect(jump.length).toBeGreaterThanOrEqual(1);
    expect(mon.length).toBeGreaterThanOrEqual(1);
    for (const i of [...jump, ...mon]) expect(i.hosts).not.toContain("DC-01");
    // Every alert has an incident and the host behind its source address.
    const { rows } = await pool().query(`SELECT count(*) FILTER (WHERE incident_id IS NULL)::int AS loose, count(*) FILTER (WHERE source_host_id IS NULL)::int AS unresolved FROM alerts`);
    expect(rows[0]).toEqual({ loose: 0, unresolved: 0 });
    // Pivot: the alerts from SRV-FILE-01, which had alerts of its own before.
    const pivots = await pool().query(`SELECT host_name, pivot, priority, risk_score FROM alerts WHERE source_host_name = 'SRV-FILE-01'`);
    expect(pivots.rows.length).toBe(4);
    for (const p of pivots.rows) expect(p).toMatchObject({ pivot: true, priority: p.risk_score + 50 });
    inOrder = shape(list);
  });

  test("another arrival order, detection run after every chunk, gives the same incidents", async () => {
    await fresh();
    const scenario = generateScenario({ end: END });
    const chunks: object[][] = [];
    for (let i = 0; i < scenario.docs.length; i += 4000) chunks.push(scenario.docs.slice(i, i + 4000));
    for (const chunk of seededShuffle(chunks, 17)) {
      await ingest(chunk);
      await detect();
    }
    await detect();
    expect(shape(await incidents())).toEqual(inOrder);
  });
});

describe("late events and analysts", () => {
  const T = Date.parse("2026-11-20T10:00:00Z");
  const host = (name: string, ip: string): DemoHost => ({ id: `id-${name.toLowerCase()}`, name, ip, kind: "server" });
  const A = host("SRV-A", "10.50.0.2");
  const B = host("SRV-B", "10.50.0.3");
  const C = host("SRV-C", "10.50.0.4");

  function remote(f: EventFactory, target: DemoHost, sourceIp: string, at: number, seed: number) {
    powershellSession(f, createRandom(seed), at, { target, source: { ip: sourceIp }, user: "CORP\\x", commands: [{ name: "whoami.exe", commandLine: "whoami.exe" }] });
  }

  test("an event that arrives late and says who held an address links, and merges, two incidents", async () => {
    await fresh();
    const f = new EventFactory("late");
    remote(f, A, "10.50.0.9", T, 1); // into SRV-A from an unknown address
    remote(f, B, "10.50.0.77", T + 3_600_000, 2); // into SRV-B from an address nobody has claimed yet
    f.start(B, T + 3_600_000 + 60_000, { name: "svchost.exe", commandLine: "svchost.exe -k netsvcs", parent: wellKnown(B, "services") }); // B's own events
    await ingest(f.docs);
    await detect();
    expect((await incidents()).map((i) => i.hosts)).toEqual([["SRV-A"], ["SRV-B"]]);

    // Later: SRV-A's agent reports its second address, 10.50.0.77, as of that morning.
    const late = new EventFactory("late2");
    const a2 = { ...A, ip: "10.50.0.77" };
    late.start(a2, T + 3_500_000, { name: "cmd.exe", commandLine: "cmd.exe /c ver", parent: wellKnown(a2, "services") });
    await ingest(late.docs);
    await detect();
    const after = await incidents();
    expect(after).toHaveLength(1);
    expect(after[0].hosts.sort()).toEqual(["SRV-A", "SRV-B"]);
    const { rows } = await pool().query(`SELECT source_host_name FROM alerts WHERE host_name = 'SRV-B'`);
    expect(rows).toEqual([{ source_host_name: "SRV-A" }]);
    const merged = await pool().query(`SELECT count(*)::int AS n FROM incidents WHERE merged_into IS NOT NULL`);
    expect(merged.rows[0].n).toBe(1);
  });

  test("an analyst's split survives a later regrouping of every alert", async () => {
    await fresh();
    const f = new EventFactory("split");
    remote(f, A, "10.50.0.9", T, 1);
    remote(f, B, "10.50.0.9", T + 600_000, 2);
    remote(f, C, "10.50.0.9", T + 1_200_000, 3);
    await ingest(f.docs);
    await detect();
    const [one] = await incidents();
    expect(one.hosts.sort()).toEqual(["SRV-A", "SRV-B", "SRV-C"]);
    const bAlert = (await pool().query(`SELECT id FROM alerts WHERE host_name = 'SRV-B'`)).rows[0].id as string;
    const { incident } = await splitIncident({ id: one.id, body: { alertIds: [bAlert] } }, { actor: systemActor("analyst") });

    // Regroup everything, twice, as a rerun would; then a new alert from the same address.
    const all = (await pool().query(`SELECT id FROM alerts`)).rows.map((r) => r.id as string);
    for (let i = 0; i < 2; i++) {
      const c = await pool().connect();
      try {
        await c.query("BEGIN");
        await groupAlerts(pgSql(c), all, movementOptions());
        await c.query("COMMIT");
      } finally {
        c.release();
      }
    }
    const g = new EventFactory("split2");
    remote(g, host("SRV-D", "10.50.0.5"), "10.50.0.9", T + 1_800_000, 4);
    await ingest(g.docs);
    await detect();
    const list = await incidents();
    expect(list.map((i) => i.hosts.sort())).toEqual([["SRV-A", "SRV-C", "SRV-D"], ["SRV-B"]]);
    expect(list[1].id).toBe(incident.id);
  });
});
