import { afterAll, beforeAll, beforeEach, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { childEvent, networkEvent } from "@/tests/helpers/fixtures/winrm-events";

/**
 * One alert per activity: the same remoting session reported by Elastic Defend and by Sysmon on one
 * host is one alert carrying the other source's events as corroboration (lib/detection/README.md).
 */
const rules = loadRulePack().rules;
let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("corroboration");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});
beforeEach(async () => {
  await pool().query(`TRUNCATE events, event_keys, alerts, alert_identities, rule_checkpoints, rule_executions, rule_state`);
});

const t0 = Date.parse("2026-11-20T10:00:00Z");
/**
 * One session as a source reports it: the connection from 10.13.37.5:51515 and whoami.exe (pid
 * 6001) 4.2 s later. Sysmon's copy comes 4.3 s later (a source whose events do not interleave with
 * the other's: interleaved, the engine itself pairs them into one sequence).
 */
function session(source: "defend" | "sysmon", o: { port?: number; pid?: number; childDelayMs?: number; entity?: string; at?: number } = {}) {
  const at = (o.at ?? t0) + (source === "sysmon" ? 4300 : 0);
  const net = networkEvent({ host: "SESS", at, id: `${source}-net` });
  net.source.port = o.port ?? 51515;
  const child = childEvent({ host: "SESS", at: o.at ?? t0, deltaMs: o.childDelayMs ?? (source === "defend" ? 4200 : 4450), id: `${source}-proc` });
  child.process.pid = o.pid ?? 6001;
  child.process.entity_id = o.entity ?? (source === "defend" ? "ZGVmZW5kLTYwMDE=" : "{5f1c-6001}");
  const dataset = source === "defend" ? "endpoint.events.process" : "windows.sysmon_operational";
  return [
    { ...net, event: { ...net.event, dataset: source === "defend" ? "endpoint.events.network" : "windows.sysmon_operational" } },
    { ...child, event: { ...child.event, dataset } },
  ];
}
const once = () => runOnce(rules, { workerId: "test" }, () => false);
const alerts = async () => (await pool().query(`SELECT id, events, corroboration FROM alerts ORDER BY first_event_at, id`)).rows;

test("Elastic Defend and Sysmon reporting one session give one alert with the other source's events as corroboration", async () => {
  await ingestDocuments([...session("defend"), ...session("sysmon")].map((doc) => ({ doc })));
  const s = await once();
  expect(s.alertsCreated).toBe(1);
  const [a, ...rest] = await alerts();
  expect(rest).toEqual([]);
  expect(a.corroboration).toHaveLength(1);
  expect(a.corroboration[0].dataset).toBe("windows.sysmon_operational");
  expect(a.corroboration[0].events.map((e: { eventId: string }) => e.eventId.replace(/-\d+$/, ""))).toEqual(["sysmon-net", "sysmon-proc"]);
  expect(a.events.map((e: { eventId: string }) => e.eventId.replace(/-\d+$/, ""))).toEqual(["defend-net", "defend-proc"]);
});

test("the second source arriving in a later execution corroborates the existing alert; repeats change nothing", async () => {
  await ingestDocuments(session("sysmon").map((doc) => ({ doc })));
  await once();
  const [first] = await alerts();
  await ingestDocuments(session("defend").map((doc) => ({ doc })));
  await once();
  await pool().query(`UPDATE rule_checkpoints SET checkpoint = 0`);
  await once();
  const all = await alerts();
  expect(all.map((a) => a.id)).toEqual([first.id]);
  expect(all[0].corroboration.map((c: { dataset: string }) => c.dataset)).toEqual(["endpoint.events.process"]);
});

test("another source port, another pid or a start 1.5 s apart is another activity: its own alert", async () => {
  const minute = 60_000;
  await ingestDocuments(
    [
      ...session("defend"),
      ...session("sysmon", { port: 51516 }),
      ...session("defend", { at: t0 + minute, port: 52000, entity: "d2" }),
      ...session("sysmon", { at: t0 + minute, port: 52000, pid: 6002, entity: "s2" }),
      ...session("defend", { at: t0 + 2 * minute, port: 53000, entity: "d3" }),
      ...session("sysmon", { at: t0 + 2 * minute, port: 53000, entity: "s3", childDelayMs: 5700 }),
    ].map((doc) => ({ doc })),
  );
  await once();
  const all = await alerts();
  expect(all).toHaveLength(6);
  expect(all.every((a) => a.corroboration.length === 0)).toBe(true);
});
