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

test("the capture imports whole, then alerts PowerShell remoting on WORKSTATION6 only and no WinRM shell", async () => {
  const imported = await runCli(["import", CAPTURE], { DATABASE_URL: db.url });
  expect(imported.code, imported.stderr).toBe(0);
  const summary = JSON.parse(imported.stdout.trim().split("\n").pop()!);
  expect(summary).toMatchObject({ read: 2744, accepted: 2744, duplicates: 0, rejected: 0 });
  expect(imported.stderr).toMatch(/100%.*2744 events.*events\/s.*ETA/);

  const once = await runWorkerOnce({ DATABASE_URL: db.url });
  expect(once.code, once.stderr).toBe(0);
  const result = JSON.parse(once.stdout.trim().split("\n").pop()!);
  expect(result.highWaterMark).toBe(2744);

  const { rows } = await pool().query(`SELECT rule_id, host_name, source_ip, process_name, parent_name, stages FROM alerts`);
  expect(rows.length).toBeGreaterThanOrEqual(1);
  for (const a of rows) {
    expect(a.rule_id).toBe(PS);
    expect(a.host_name).toMatch(/^WORKSTATION6/i);
    expect(a.source_ip).toBe("172.18.39.5");
    expect(a.process_name).toBe("powershell.exe");
    expect(a.parent_name).toBe("wsmprovhost.exe");
  }
  // Sysmon alone: exactly one alert (the Security channel's 4688/5156 pair may add its own).
  const sysmon = rows.filter((a) => a.stages.every((s: { doc: { winlog?: { channel?: string } } }) => /sysmon/i.test(s.doc.winlog?.channel ?? "")));
  expect(sysmon).toHaveLength(1);
  // The network stage was enriched: the export carries no protocol for port 5985.
  expect(sysmon[0].stages[0].enrichments.map((e: { field: string }) => e.field)).toContain("network.protocol");

  const again = await runCli(["import", CAPTURE], { DATABASE_URL: db.url });
  expect(JSON.parse(again.stdout.trim().split("\n").pop()!)).toMatchObject({ accepted: 0, duplicates: 2744 });
}, 120_000);
