import { afterAll, beforeAll, beforeEach, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { runRule } from "@/lib/detection/run-rule";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { childEvent, networkEvent, winrmPair } from "@/tests/helpers/fixtures/winrm-events";

const PS = "2772264c-6fb9-4d9d-9014-b416eed21254";
const WINRS = "1cd01db9-be24-4bef-8e7c-e923f0ff78ab";
const rules = loadRulePack().rules;
const rule = (id: string) => rules.find((r) => r.ruleId === id)!;

let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("detect");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});
beforeEach(async () => {
  await pool().query(`TRUNCATE events, event_keys, alerts, rule_checkpoints, rule_executions, rule_state`);
});

const ingest = async (docs: unknown[]) => {
  const r = await ingestDocuments(docs.map((doc) => ({ doc })));
  expect(r.rejected).toBe(0);
};
const once = () => runOnce(rules, { workerId: "test" }, () => false);
const alerts = async () =>
  (await pool().query(`SELECT id, rule_id, host_name, source_ip, reason, events, stages, process_name, user_name FROM alerts ORDER BY first_event_at, id`)).rows;

describe("the seed rules end to end through PostgreSQL", () => {
  test("an inbound WinRM connection then wsmprovhost.exe starting whoami.exe raises one PowerShell-remoting alert with each stage's fields", async () => {
    await ingest(winrmPair({ host: "WKS-001", sourceIp: "10.13.37.5", deltaMs: 4200 }));
    const summary = await once();
    expect(summary.alertsCreated).toBe(1);
    const [a] = await alerts();
    expect(a.rule_id).toBe(PS);
    expect(a.reason).toBe("wsmprovhost.exe started whoami.exe on WKS-001 4.2 s after an inbound WinRM connection from 10.13.37.5");
    expect(a.source_ip).toBe("10.13.37.5");
    expect(a.user_name).toBe("svc-admin");
    expect(a.stages[0].fields.sourcePort).toBeGreaterThan(50000);
    expect(a.stages[1].fields.commandLine).toBe("whoami.exe /all");
    expect(a.events.map((e: { category: string[] }) => e.category)).toEqual([["network"], ["process"]]);
  });

  test("maxspan is inclusive: 29.9 s and 30.0 s alert, 30.1 s does not", async () => {
    await ingest([
      ...winrmPair({ host: "A", deltaMs: 29_900 }),
      ...winrmPair({ host: "B", deltaMs: 30_000 }),
      ...winrmPair({ host: "C", deltaMs: 30_100 }),
    ]);
    await once();
    expect((await alerts()).map((a) => a.host_name).sort()).toEqual(["A", "B"]);
  });

  test("the latest pending connection wins; one connection with two children alerts once; other hosts are unaffected", async () => {
    const t = Date.parse("2026-11-20T10:00:00Z");
    await ingest([
      networkEvent({ host: "H", at: t, sourceIp: "10.0.0.1" }),
      networkEvent({ host: "H", at: t + 5000, sourceIp: "10.0.0.2" }),
      networkEvent({ host: "OTHER", at: t + 6000, sourceIp: "10.0.0.9" }),
      childEvent({ host: "H", at: t, deltaMs: 10_000, child: "cmd.exe" }),
      childEvent({ host: "H", at: t, deltaMs: 11_000, child: "net.exe" }),
    ]);
    await once();
    const all = await alerts();
    expect(all).toHaveLength(1);
    expect(all[0].source_ip).toBe("10.0.0.2");
    expect(all[0].process_name).toBe("cmd.exe");
  });

  test("cross-host pairs, outbound direction, other ports, loopback sources and conhost children never alert", async () => {
    const t = Date.parse("2026-11-20T10:00:00Z");
    await ingest([
      networkEvent({ host: "X1", at: t }), childEvent({ host: "X2", at: t }),
      ...winrmPair({ host: "X3", at: t, direction: "egress" }),
      ...winrmPair({ host: "X4", at: t, port: 3389 }),
      ...winrmPair({ host: "X5", at: t, sourceIp: "127.0.0.1" }),
      ...winrmPair({ host: "X6", at: t, sourceIp: "::1" }),
      ...winrmPair({ host: "X7", at: t, child: "conhost.exe", executable: "D:\\Windows\\System32\\conhost.exe" }),
    ]);
    await once();
    expect(await alerts()).toEqual([]);
  });

  test("case variants of names and directions still match (':' is case-insensitive)", async () => {
    const t = Date.parse("2026-11-20T10:00:00Z");
    await ingest([
      networkEvent({ host: "CASE", at: t, direction: "INGRESS" }),
      { ...childEvent({ host: "CASE", at: t }), process: { ...childEvent({ host: "CASE", at: t }).process, parent: { name: "WsmProvHost.EXE" } } },
    ]);
    await once();
    expect(await alerts()).toHaveLength(1);
  });

  test("winrshost.exe children raise the WinRM Remote Shell alert (the connection by System, pid 4)", async () => {
    await ingest(winrmPair({ host: "WINRS-1", parent: "winrshost.exe", child: "ipconfig.exe" }));
    await once();
    const all = await alerts();
    expect(all.map((a) => a.rule_id)).toEqual([WINRS]);
  });

  test("events arriving in reverse order, a late child and a late connection still complete the sequence", async () => {
    const [net1, proc1] = winrmPair({ host: "LATE-1" });
    await ingest([proc1]);
    await once();
    await ingest([net1]);
    await once();
    const [net2, proc2] = winrmPair({ host: "LATE-2" });
    await ingest([net2]);
    await once();
    await ingest([proc2]);
    await once();
    expect((await alerts()).map((a) => a.host_name).sort()).toEqual(["LATE-1", "LATE-2"]);
  });

  test("a capture replayed from months ago alerts when imported today", async () => {
    await ingest(winrmPair({ host: "OLD", at: "2025-03-01T08:00:00Z" }));
    await once();
    expect(await alerts()).toHaveLength(1);
  });

  test("re-evaluating the same range never duplicates: alerts are one per (rule, ordered event ids)", async () => {
    await ingest(winrmPair({ host: "DUP" }));
    await once();
    await pool().query(`UPDATE rule_checkpoints SET checkpoint = 0`);
    await once();
    expect(await alerts()).toHaveLength(1);
  });

  test("150 planted sequences → 150 alerts over consecutive executions capped at max_signals (100)", async () => {
    const docs = Array.from({ length: 150 }, (_, i) => winrmPair({ host: `CAP-${i}`, at: Date.parse("2026-11-20T10:00:00Z") + i * 1000 })).flat();
    await ingest(docs);
    const first = await runRule(rule(PS), { trigger: "manual", workerId: "t" });
    expect(first!.alertsCreated).toBe(100);
    expect(first!.capped).toBe(true);
    expect(first!.more).toBe(true);
    const second = await runRule(rule(PS), { trigger: "manual", workerId: "t" });
    expect(second!.alertsCreated).toBe(50);
    expect(second!.capped).toBe(false);
    expect(await alerts()).toHaveLength(150);
    const { rows } = await pool().query(`SELECT capped, alerts_created FROM rule_executions WHERE rule_id = $1 ORDER BY id`, [PS]);
    expect(rows).toEqual([{ capped: true, alerts_created: 100 }, { capped: false, alerts_created: 50 }]);
  });

  test("a disabled rule is not evaluated by --once", async () => {
    await pool().query(`INSERT INTO rule_state (rule_id, enabled) VALUES ($1, false)`, [PS]);
    await ingest(winrmPair({ host: "OFF" }));
    const s = await once();
    expect(s.rules.map((r) => r.ruleId)).toEqual([WINRS]);
    expect(await alerts()).toEqual([]);
  });

  test("two workers running at once share the work (each rule leased to one of them) and never duplicate it", async () => {
    const docs = Array.from({ length: 20 }, (_, i) => [
      ...winrmPair({ host: `PAR-${i}` }),
      ...winrmPair({ host: `PARW-${i}`, parent: "winrshost.exe", child: "ipconfig.exe" }),
    ]).flat();
    await ingest(docs);
    // The two workers take the rules in opposite orders, so each starts on a rule the other does not hold.
    const [a, b] = await Promise.all([
      runOnce([rule(PS), rule(WINRS)], { workerId: "a" }, () => false),
      runOnce([rule(WINRS), rule(PS)], { workerId: "b" }, () => false),
    ]);
    expect(a.alertsCreated).toBeGreaterThan(0);
    expect(b.alertsCreated).toBeGreaterThan(0);
    expect(a.alertsCreated + b.alertsCreated).toBe(40);
    expect(await alerts()).toHaveLength(40);
    const { rows } = await pool().query(`SELECT rule_id, worker_id, alerts_created FROM rule_executions WHERE alerts_created > 0 ORDER BY rule_id`);
    expect(rows).toEqual([
      { rule_id: WINRS, worker_id: "b", alerts_created: 20 },
      { rule_id: PS, worker_id: "a", alerts_created: 20 },
    ].sort((x, y) => (x.rule_id < y.rule_id ? -1 : 1)));
  });

  test("sharded workers split hosts between them and together find every alert", async () => {
    const docs = Array.from({ length: 30 }, (_, i) => winrmPair({ host: `SH-${i}` })).flat();
    await ingest(docs);
    const s0 = await runOnce(rules, { workerId: "w0", shard: "0/2" }, () => false);
    const s1 = await runOnce(rules, { workerId: "w1", shard: "1/2" }, () => false);
    expect(s0.alertsCreated).toBeGreaterThan(0);
    expect(s1.alertsCreated).toBeGreaterThan(0);
    expect(s0.alertsCreated + s1.alertsCreated).toBe(30);
  });
});
