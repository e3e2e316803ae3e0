import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { parseImport } from "@/lib/rules/parse-import";
import { signInCookie, startTestApp, type TestApp } from "@/tests/helpers/app";
import { runCli, runWorkerOnce } from "@/tests/helpers/run-cli";

/**
 * Elastic's Windows lateral-movement rules imported the way an admin does: the CLI, then the
 * worker runs the enabled ones on stored events (the real OTRF capture and planted events), from
 * their enabling on; the HTTP import for admins only.
 */
const DIR = "tests/fixtures/detection-rules";
const CAPTURE = path.resolve(process.cwd(), "../shared/datasets/otrf-empire-psremoting/empire_psremoting_stager.host.zip");
const TSCLIENT = "4fe9d835-40e1-452d-8230-17c147cafad8";
const KERBEROS = "c6b40f4c-c6a9-434e-adb8-989b0d06d005";

let app: TestApp;
let cookie: string;
beforeAll(async () => {
  app = await startTestApp();
  const admin = await app.user("admin");
  cookie = await signInCookie(app, admin.email, admin.password);
});
afterAll(() => app?.stop());

async function call(method: string, url: string, auth: { cookie?: string; key?: string }, body?: unknown) {
  const headers: Record<string, string> = {};
  if (auth.cookie) Object.assign(headers, { cookie: auth.cookie, origin: app.url });
  if (auth.key) headers.authorization = `ApiKey ${auth.key}`;
  if (body !== undefined) headers["content-type"] = "application/json";
  const res = await fetch(`${app.url}${url}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const tsclientStart = (id: string, at: string) => ({
  "@timestamp": at,
  event: { id, category: ["process"], type: ["start"], kind: "event" },
  host: { id: "id-rdp-target", name: "RDP-TARGET", os: { type: "windows", family: "windows" } },
  process: { pid: 4321, name: "payload.exe", executable: "\\Device\\Mup\\tsclient\\C\\payload.exe", command_line: "payload.exe", parent: { name: "explorer.exe" } },
  user: { name: "alice", id: "S-1-5-21-1" },
});

describe("rules import from the CLI, then the worker", () => {
  test("the folder imports: 23 new rules stored disabled, the two seed rules left to the pack, the Kerberos correlation refused with its reason", async () => {
    const r = await runCli(["rules", "import", DIR], { DATABASE_URL: app.db.url });
    expect(r.code, r.stderr).toBe(1); // one file refused
    expect(JSON.parse(r.stdout.trim().split("\n").pop()!)).toEqual({ files: 26, imported: 23, updated: 0, unchanged: 2, refused: 1 });
    expect(r.stderr).toMatch(/refused\s+lateral_movement_credential_access_kerberos_correlation\.toml .*joins events by source\.port, source\.ip/);
    expect(r.stderr).toMatch(/unchanged\s+lateral_movement_powershell_remoting_target\.toml .*rule pack/);

    const list = await call("GET", "/api/v1/rules", { cookie });
    expect(list.status).toBe(200);
    const rules = list.body.rules as { ruleId: string; enabled: boolean; origin: string }[];
    expect(rules).toHaveLength(25);
    expect(rules.filter((x) => x.origin === "pack").map((x) => x.enabled)).toEqual([true, true]);
    const imported = rules.filter((x) => x.origin === "imported");
    expect(imported).toHaveLength(23);
    expect(imported.every((x) => !x.enabled)).toBe(true);
    expect(rules.some((x) => x.ruleId === KERBEROS)).toBe(false);

    const again = await runCli(["rules", "import", DIR], { DATABASE_URL: app.db.url });
    expect(JSON.parse(again.stdout.trim().split("\n").pop()!)).toMatchObject({ imported: 0, unchanged: 25, refused: 1 });
  }, 120_000);

  test("enabled imported rules run on the stored events ingested after their enabling, without error; an alert's checklist is its guide", async () => {
    await ingestDocuments([{ doc: tsclientStart("ts-before", "2026-11-20T10:00:00Z") }]);
    const imported = ((await call("GET", "/api/v1/rules", { cookie })).body.rules as { ruleId: string; origin: string }[]).filter((x) => x.origin === "imported");
    for (const r of imported) {
      const res = await call("PATCH", `/api/v1/rules/${r.ruleId}`, { cookie }, { enabled: true });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ ruleId: r.ruleId, enabled: true, origin: "imported" });
    }
    const importedCapture = await runCli(["import", CAPTURE], { DATABASE_URL: app.db.url });
    expect(importedCapture.code, importedCapture.stderr).toBe(0);
    await ingestDocuments([{ doc: tsclientStart("ts-after", "2026-11-20T10:05:00Z") }]);

    const once = await runWorkerOnce({ DATABASE_URL: app.db.url });
    expect(once.code, once.stderr).toBe(0);
    const summary = JSON.parse(once.stdout.trim().split("\n").pop()!);
    expect(summary.rules).toHaveLength(25);

    const { rows } = await pool().query<{ rule_id: string; runs: number; errors: number; scanned: number }>(
      `SELECT rule_id, count(*)::int AS runs, count(error)::int AS errors, sum(events_scanned)::int AS scanned FROM rule_executions GROUP BY rule_id`,
    );
    const byRule = new Map(rows.map((r) => [r.rule_id, r]));
    for (const r of imported) {
      expect(byRule.get(r.ruleId), r.ruleId).toMatchObject({ errors: 0 });
      expect(byRule.get(r.ruleId)!.scanned, r.ruleId).toBe(2745); // the capture and the later planted event
    }

    const alerts = await pool().query(`SELECT id, events, checklist_total FROM alerts WHERE rule_id = $1`, [TSCLIENT]);
    expect(alerts.rows.map((a) => a.events[0].eventId)).toEqual(["ts-after"]);
    const guide = parseImport(fs.readFileSync(path.join(DIR, "lateral_movement_execution_from_tsclient_mup.toml"), "utf8"), "x.toml");
    const steps = guide.ok ? guide.rule.guide.investigationSteps.length : -1;
    expect(steps).toBeGreaterThan(0);
    const detail = await call("GET", `/api/v1/alerts/${alerts.rows[0].id}`, { cookie });
    expect(detail.status).toBe(200);
    expect(detail.body.checklist).toMatchObject({ done: 0, total: steps });

    const audit = await db().auditEntry.findMany({ where: { action: "rule.enable", targetId: TSCLIENT } });
    expect(audit).toHaveLength(1);
    expect(audit[0].details).toMatchObject({ enabled: true, startSeq: expect.any(String) });
  }, 180_000);
});

describe("POST /api/v1/rules/import", () => {
  const good = () => ({ name: "tsclient.toml", content: fs.readFileSync(path.join(DIR, "lateral_movement_execution_from_tsclient_mup.toml"), "utf8") });

  test("admins only: analysts and read keys get 403, anonymous 401; nothing is stored", async () => {
    const analyst = await app.user("analyst");
    const analystCookie = await signInCookie(app, analyst.email, analyst.password);
    const before = await db().storedRuleVersion.count();
    expect((await call("POST", "/api/v1/rules/import", { cookie: analystCookie }, { files: [good()] })).status).toBe(403);
    expect((await call("POST", "/api/v1/rules/import", { key: await app.apiKey("read") }, { files: [good()] })).status).toBe(403);
    expect((await call("POST", "/api/v1/rules/import", {}, { files: [good()] })).status).toBe(401);
    expect(await db().storedRuleVersion.count()).toBe(before);
  });

  test("each file's outcome: a new version updates, a bad file is refused with its reason and the others still import; one audit row", async () => {
    const newer = { name: "tsclient-v2.toml", content: good().content.replace(/\[rule\]\n/, "[rule]\nversion = 2\n") };
    const res = await call("POST", "/api/v1/rules/import", { key: await app.apiKey("admin") }, {
      files: [newer, { name: "broken.toml", content: "[rule\n" }],
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ imported: 0, updated: 1, unchanged: 0, refused: 1 });
    expect(res.body.outcomes).toEqual([
      { file: "tsclient-v2.toml", status: "updated", ruleId: TSCLIENT, name: "Execution via TSClient Mountpoint", version: 2, reason: null },
      { file: "broken.toml", status: "refused", ruleId: null, name: null, version: null, reason: expect.stringMatching(/^invalid TOML at line/) },
    ]);
    const older = await call("POST", "/api/v1/rules/import", { cookie }, { files: [good()] });
    expect(older.body.outcomes[0]).toMatchObject({ status: "refused", reason: expect.stringMatching(/version 2 of this rule is stored/) });
    expect(await db().storedRuleVersion.count({ where: { ruleId: TSCLIENT } })).toBe(2);
    const detail = await call("GET", `/api/v1/rules/${TSCLIENT}`, { cookie });
    expect(detail.body).toMatchObject({ origin: "imported", version: 2, enabled: true });
    expect(detail.body.imported.versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(detail.body.imported.startSeq).toMatch(/^\d+$/);
    const audit = await db().auditEntry.findMany({ where: { action: "rule.import" }, orderBy: { id: "desc" }, take: 2 });
    expect(audit[1].details).toMatchObject({ updated: 1, refused: 1, rules: [`${TSCLIENT}@2`] });
  });

  test("a body without files is a 422 naming the problem", async () => {
    const res = await call("POST", "/api/v1/rules/import", { cookie }, { files: [] });
    expect(res.status).toBe(422);
    expect(JSON.stringify(res.body)).toMatch(/no rule file given/);
  });
});
