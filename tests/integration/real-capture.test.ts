import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { runCli, runWorkerOnce } from "@/tests/helpers/run-cli";

/**
 * The real OTRF capture of an Empire agent moving from WORKSTATION5 to WORKSTATION6 by PowerShell
 * remoting (raw NXLog/Sysmon/Security records), imported as is with the CLI, then one worker pass.
 */
const CAPTURE = path.resolve(process.cwd(), "../shared/datasets/otrf-empire-psremoting/empire_psremoting_stager.host.zip");
const PS = "2772264c-6fb9-4d9d-9014-b416eed21254";

let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("capture");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});

test("the capture imports whole, then gives ONE PowerShell-remoting alert on WORKSTATION6 (Sysmon, with the Security log's view as corroboration) and no WinRM shell", async () => {
  const imported = await runCli(["import", CAPTURE], { DATABASE_URL: db.url });
  expect(imported.code, imported.stderr).toBe(0);
  const summary = JSON.parse(imported.stdout.trim().split("\n").pop()!);
  expect(summary).toMatchObject({ read: 2744, accepted: 2744, duplicates: 0, rejected: 0 });
  expect(imported.stderr).toMatch(/100%.*2744 events.*events\/s.*ETA/);

  const once = await runWorkerOnce({ DATABASE_URL: db.url });
  expect(once.code, once.stderr).toBe(0);
  const result = JSON.parse(once.stdout.trim().split("\n").pop()!);
  expect(result.highWaterMark).toBe(2744);

  const { rows } = await pool().query(`SELECT rule_id, host_name, source_ip, source_port, process_name, parent_name, stages, corroboration FROM alerts`);
  // One remoting session, seen by Sysmon (3 → 1) and by the Security log (5156 → 4688): ONE alert.
  expect(rows).toHaveLength(1);
  const [a] = rows;
  expect(a).toMatchObject({ rule_id: PS, source_ip: "172.18.39.5", source_port: 59773, process_name: "powershell.exe", parent_name: "wsmprovhost.exe" });
  expect(a.host_name).toMatch(/^WORKSTATION6/i);
  // Both sources' events are on it: the alert's own sequence and the other source's as corroboration.
  const channel = (s: { doc: { winlog?: { channel?: string } } }) => s.doc.winlog?.channel ?? "";
  const sources = [a.stages, ...a.corroboration.map((c: { stages: unknown[] }) => c.stages)].map((stages) =>
    stages.map((s: { doc: { winlog?: { channel?: string } } }) => channel(s)).join(" → "),
  );
  expect(sources.sort()).toEqual(["Microsoft-Windows-Sysmon/Operational → Microsoft-Windows-Sysmon/Operational", "security → security"]);
  expect(a.corroboration).toHaveLength(1);
  expect(a.corroboration[0].events.map((e: { category: string[] }) => e.category)).toEqual([["network"], ["process"]]);
  // The network stage was enriched: the export carries no protocol for port 5985.
  const sysmon = [a.stages, a.corroboration[0].stages].find((st) => /sysmon/i.test(channel(st[0])))!;
  expect(sysmon[0].enrichments.map((e: { field: string }) => e.field)).toContain("network.protocol");

  // Running the rules over the whole capture again changes nothing (kill -9 safe: the same outcome on a repeat).
  await pool().query(`UPDATE rule_checkpoints SET checkpoint = 0`);
  const repeat = await runWorkerOnce({ DATABASE_URL: db.url });
  expect(repeat.code, repeat.stderr).toBe(0);
  const after = (await pool().query(`SELECT id, corroboration FROM alerts`)).rows;
  expect(after).toHaveLength(1);
  expect(after[0].corroboration).toHaveLength(1);

  const again = await runCli(["import", CAPTURE], { DATABASE_URL: db.url });
  expect(JSON.parse(again.stdout.trim().split("\n").pop()!)).toMatchObject({ accepted: 0, duplicates: 2744 });
}, 120_000);
