import pg from "pg";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { ruleCatalog } from "@/lib/rules/catalog";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { childEvent, networkEvent, winrmPair } from "@/tests/helpers/fixtures/winrm-events";

/**
 * POST /api/v1/hunt, progress and cancel, export, and saved hunts (/api/v1/hunts) with the detection
 * rules admins make of them, over the real app and PostgreSQL.
 */
let app: TestApp;
let ingest: string;
let viewer: string;
let viewer2: string;
let analyst: string;
let admin: string;
const FROM = "2026-11-20T00:00:00Z";
const TO = "2026-11-21T00:00:00Z";
const PS_RULE = loadRulePack().rules.find((r) => r.query.includes("wsmprovhost"))!;

async function send(docs: unknown[]) {
  const res = await fetch(`${app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingest}`, "content-type": "application/x-ndjson" },
    body: docs.map((d) => JSON.stringify(d)).join("\n"),
  });
  expect((await res.json()).rejected).toBe(0);
}

const post = (path: string, body: unknown, key: string) =>
  fetch(`${app.url}${path}`, { method: "POST", headers: { authorization: `ApiKey ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
const hunt = (body: Record<string, unknown>, key = viewer) => post("/api/v1/hunt", { from: FROM, to: TO, ...body }, key);

beforeAll(async () => {
  app = await startTestApp({ env: { HUNT_TIMEOUT_SECONDS: "3" } });
  [ingest, viewer, viewer2, analyst, admin] = await Promise.all([app.apiKey("ingest"), app.apiKey("read"), app.apiKey("read"), app.apiKey("analyst"), app.apiKey("admin")]);
  await send([
    ...winrmPair({ host: "WKS-001", sourceIp: "10.13.37.5", at: "2026-11-20T10:00:00Z", child: "whoami.exe" }),
    ...winrmPair({ host: "WKS-002", sourceIp: "10.13.37.5", at: "2026-11-20T10:05:00Z", child: "net.exe" }),
    ...winrmPair({ host: "WKS-003", sourceIp: "10.9.9.9", at: "2026-11-20T11:00:00Z", child: "ipconfig.exe" }),
    childEvent({ host: "WKS-001", at: "2026-11-20T12:00:00Z", child: "=cmd.exe", parent: "winrshost.exe" }),
    networkEvent({ host: "WKS-001", at: "2026-11-19T10:00:00Z", sourceIp: "10.13.37.5" }), // outside the window
  ]);
  await runOnce(loadRulePack().rules, { workerId: "hunt-api" }, () => false);
}, 120_000);
afterAll(() => app?.stop());

describe("POST /api/v1/hunt", () => {
  test("a viewer hunts with a seed rule's query: each sequence with its stored documents, ids and alerts", async () => {
    const res = await hunt({ query: PS_RULE.query });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ truncated: false, kind: "sequence" });
    expect(body.scanned).toBeGreaterThanOrEqual(6);
    expect(typeof body.tookMs).toBe("number");
    expect(body.matches).toHaveLength(3);
    const first = body.matches[0];
    expect(first.events.map((e: { event: { category: string[] } }) => e.event.category[0])).toEqual(["network", "process"]);
    expect(first.events[1].process.name).toBe("whoami.exe");
    expect(first.refs.map((r: { hostId: string }) => r.hostId)).toEqual(["id-wks-001", "id-wks-001"]);
    expect(first.alertIds).toHaveLength(1);
    const alert = await (await fetch(`${app.url}/api/v1/alerts/${first.alertIds[0]}`, { headers: { authorization: `ApiKey ${viewer}` } })).json();
    expect(alert.events.map((e: { id: number }) => e.id)).toEqual(first.refs.map((r: { id: number }) => r.id));
  });

  test("host and address filters; the window leaves out older events", async () => {
    const byHost = await (await hunt({ query: "any where true", hostId: "id-wks-001" })).json();
    expect(byHost.matches.map((m: { refs: { hostId: string }[] }) => m.refs[0].hostId)).toEqual(["id-wks-001", "id-wks-001", "id-wks-001"]);
    const byIp = await (await hunt({ query: "network where true", ip: "10.13.37.5" })).json();
    expect(byIp.matches).toHaveLength(2);
    const seqByIp = await (await hunt({ query: PS_RULE.query, ip: "10.9.9.9" })).json();
    expect(seqByIp.matches).toHaveLength(1);
    expect(seqByIp.matches[0].events[1].process.name).toBe("ipconfig.exe");
  });

  test("limit: at most that many matches, and truncated says there were more", async () => {
    const body = await (await hunt({ query: "any where true", limit: 2 })).json();
    expect(body.matches).toHaveLength(2);
    expect(body.truncated).toBe(true);
    const exact = await (await hunt({ query: "process where true", limit: 4 })).json();
    expect(exact.matches).toHaveLength(4);
    expect(exact.truncated).toBe(false);
  });

  test("a syntax error is 422 with its line and column", async () => {
    const res = await hunt({ query: 'process where\n  process.name : "a" and and' });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toMatchObject({ code: "validation_failed", line: 2, column: 26 });
    expect(error.message).toMatch(/expected/);
  });

  test("a type error is 422 with the line and column of its condition", async () => {
    const res = await hunt({ query: 'network where\n  destination.port == "http"' });
    expect(res.status).toBe(422);
    const { error } = await res.json();
    expect(error).toMatchObject({ line: 2, column: 20 });
    expect(error.message).toMatch(/destination\.port/);
  });

  test("bad windows and limits are refused with what was wrong", async () => {
    expect((await hunt({ query: "any where true", from: TO, to: FROM })).status).toBe(422);
    expect((await hunt({ query: "any where true", limit: 0 })).status).toBe(422);
    expect((await hunt({ query: "any where true", ip: "not-an-ip" })).status).toBe(422);
  });
});

describe("bounded: progress, cancel, timeout, two running hunts per user", () => {
  /** Holds an exclusive lock on the events table: every hunt waits inside PostgreSQL until it is released. */
  async function lockEvents() {
    const c = new pg.Client({ connectionString: app.db.url });
    await c.connect();
    await c.query("BEGIN");
    await c.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
    return { release: async () => { await c.query("ROLLBACK"); await c.end(); } };
  }
  const huntBackends = async () =>
    Number((await pool().query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE 'DECLARE hunt%' AND state = 'active'`)).rows[0].n);
  const waitFor = async (check: () => Promise<boolean>) => {
    for (let i = 0; i < 200 && !(await check()); i++) await new Promise((r) => setTimeout(r, 25));
  };

  test("Cancel stops the statement in PostgreSQL; a third hunt of the same user is 429 meanwhile; progress while it runs", async () => {
    const lock = await lockEvents();
    try {
      const ids = [crypto.randomUUID(), crypto.randomUUID()];
      const running = ids.map((id) => hunt({ id, query: "any where true" }));
      await waitFor(async () => (await huntBackends()) === 2);
      expect(await huntBackends()).toBe(2);
      const progress = await fetch(`${app.url}/api/v1/hunt/${ids[0]}`, { headers: { authorization: `ApiKey ${viewer}` } });
      expect(progress.status).toBe(200);
      expect(await progress.json()).toMatchObject({ running: true, scanned: 0 });
      const third = await hunt({ query: "any where true" });
      expect(third.status).toBe(429);
      expect(third.headers.get("retry-after")).toBeTruthy();
      // Another user is not held back by this one's hunts, and may not cancel them.
      const other = await fetch(`${app.url}/api/v1/hunt/${ids[0]}`, { method: "DELETE", headers: { authorization: `ApiKey ${viewer2}` } });
      expect(other.status).toBe(404);
      for (const id of ids) {
        const res = await fetch(`${app.url}/api/v1/hunt/${id}`, { method: "DELETE", headers: { authorization: `ApiKey ${viewer}` } });
        expect(res.status).toBe(200);
      }
      const answers = await Promise.all((await Promise.all(running)).map((r) => r.json()));
      for (const a of answers) expect(a).toMatchObject({ cancelled: true, truncated: true, matches: [] });
      expect(await huntBackends()).toBe(0);
    } finally {
      await lock.release();
    }
    expect((await hunt({ query: "any where true" })).status).toBe(200);
  }, 30_000);

  test("a hunt that outlasts HUNT_TIMEOUT_SECONDS is stopped in PostgreSQL and says so", async () => {
    const lock = await lockEvents();
    try {
      const started = Date.now();
      const body = await (await hunt({ query: "any where true" })).json();
      expect(body).toMatchObject({ timedOut: true, truncated: true });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(await huntBackends()).toBe(0);
    } finally {
      await lock.release();
    }
  }, 30_000);
});

describe("export", () => {
  test("NDJSON: one line per match, as the CLI prints them", async () => {
    const res = await post("/api/v1/hunt/export?format=ndjson", { query: "process where true", from: FROM, to: TO }, viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-disposition")).toMatch(/attachment; filename="hunt-.*\.ndjson"/);
    const lines = (await res.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(4);
    expect(lines[0].process.name).toBe("whoami.exe");
    const seq = await post("/api/v1/hunt/export", { query: PS_RULE.query, from: FROM, to: TO }, viewer);
    const seqLines = (await seq.text()).trim().split("\n").map((l) => JSON.parse(l));
    expect(seqLines[0]).toHaveLength(2);
  });

  test("CSV: a row per event with the chosen columns; cells beginning with = + - @ are neutralised", async () => {
    const res = await post("/api/v1/hunt/export?format=csv", { query: 'process where process.parent.name : "winrshost.exe"', from: FROM, to: TO, columns: ["process.name", "host.name"] }, viewer);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/csv/);
    const text = await res.text();
    const [header, row] = text.trim().split("\r\n");
    expect(header).toBe("match,stage,id,process.name,host.name");
    expect(row).toMatch(/^1,1,\d+,'=cmd\.exe,WKS-001$/);
    expect((await post("/api/v1/hunt/export?format=xlsx", { query: "any where true", from: FROM, to: TO }, viewer)).status).toBe(422);
  });
});

describe("saved hunts", () => {
  const req = (method: string, path: string, key: string, body?: unknown) =>
    fetch(`${app.url}${path}`, { method, headers: { authorization: `ApiKey ${key}`, "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

  test("private to their owner unless shared; only the owner or an admin changes one; a bad query is refused", async () => {
    const created = await req("POST", "/api/v1/hunts", viewer, { name: "Remote whoami", query: 'process where process.name : "whoami.exe"', window: { last: "24h" } });
    expect(created.status).toBe(201);
    const { hunt: h } = await created.json();
    expect(h).toMatchObject({ name: "Remote whoami", shared: false, rule: null, editable: true, window: { last: "24h" } });
    expect((await req("GET", `/api/v1/hunts/${h.id}`, viewer2)).status).toBe(404);
    expect((await (await req("GET", "/api/v1/hunts", viewer2)).json()).hunts).toEqual([]);
    expect((await req("PATCH", `/api/v1/hunts/${h.id}`, viewer, { shared: true })).status).toBe(200);
    const seen = (await (await req("GET", "/api/v1/hunts", viewer2)).json()).hunts;
    expect(seen.map((x: { id: string; editable: boolean }) => [x.id, x.editable])).toEqual([[h.id, false]]);
    expect((await req("PATCH", `/api/v1/hunts/${h.id}`, viewer2, { name: "mine now" })).status).toBe(403);
    expect((await req("DELETE", `/api/v1/hunts/${h.id}`, viewer2)).status).toBe(403);
    const bad = await req("POST", "/api/v1/hunts", viewer, { name: "x", query: "process where (" });
    expect(bad.status).toBe(422);
    expect((await bad.json()).error).toMatchObject({ line: 1, column: 16 });
    expect((await req("DELETE", `/api/v1/hunts/${h.id}`, viewer)).status).toBe(204);
    expect((await req("GET", `/api/v1/hunts/${h.id}`, viewer)).status).toBe(404);
  });

  test("an admin turns a saved hunt into a detection rule: audited, run by the worker from the moment it was made", async () => {
    const query = `sequence by host.id with maxspan=30s [network where destination.port == 5985] [process where process.name : "whoami.exe"]`;
    const { hunt: h } = await (await req("POST", "/api/v1/hunts", analyst, { name: "WinRM then whoami", query, shared: true })).json();
    const settings = { severity: "high", riskScore: 73, interval: "1m" };
    expect((await req("POST", `/api/v1/hunts/${h.id}/rule`, analyst, settings)).status).toBe(403);
    expect((await req("POST", `/api/v1/hunts/${h.id}/rule`, admin, { ...settings, severity: "huge" })).status).toBe(422);
    const made = await req("POST", `/api/v1/hunts/${h.id}/rule`, admin, settings);
    expect(made.status).toBe(201);
    const { hunt: withRule } = await made.json();
    expect(withRule.rule).toMatchObject({ ruleId: `hunt-${h.id}`, severity: "high", riskScore: 73, interval: "1m" });
    expect((await req("POST", `/api/v1/hunts/${h.id}/rule`, admin, settings)).status).toBe(409);
    expect((await req("DELETE", `/api/v1/hunts/${h.id}`, analyst)).status).toBe(409);
    const audit = await (await req("GET", "/api/v1/audit?action=hunt.rule.create", admin)).json();
    expect(JSON.stringify(audit)).toContain(`hunt-${h.id}`);

    // The whoami.exe pair ingested before the rule was made does not alert; a new one does.
    await send(winrmPair({ host: "WKS-009", sourceIp: "10.13.37.77", at: "2026-11-20T15:00:00Z", child: "whoami.exe" }));
    await send(winrmPair({ host: "WKS-009", sourceIp: "10.13.37.77", at: "2026-11-20T15:10:00Z", child: "net.exe" }));
    const catalog = await ruleCatalog();
    expect(catalog.imported.has(`hunt-${h.id}`)).toBe(true);
    await runOnce(catalog.rules, { workerId: "hunt-api" }, () => false);
    const alerts = await (await req("GET", `/api/v1/alerts?ruleId=hunt-${h.id}&status=all`, viewer)).json();
    expect(alerts.alerts).toHaveLength(1);
    expect(alerts.alerts[0]).toMatchObject({ ruleName: "WinRM then whoami", severity: "high", riskScore: 73, host: { name: "WKS-009" } });
    expect((await req("GET", `/api/v1/alerts/${alerts.alerts[0].id}`, viewer)).status).toBe(200);
    // It is a rule like the others: listed, with its schedule, enabled.
    const listed = await (await req("GET", `/api/v1/rules/hunt-${h.id}`, viewer)).json();
    expect(JSON.stringify(listed)).toContain("WinRM then whoami");

    const removed = await req("DELETE", `/api/v1/hunts/${h.id}/rule`, admin);
    expect((await removed.json()).hunt.rule).toBeNull();
    const { rows } = await pool().query(`SELECT enabled FROM rule_state WHERE rule_id = $1`, [`hunt-${h.id}`]);
    expect(rows[0].enabled).toBe(false);
    // Made again: a new version, evaluating only what is ingested from then on.
    const again = await req("POST", `/api/v1/hunts/${h.id}/rule`, admin, settings);
    expect(again.status).toBe(201);
    const version = await pool().query(`SELECT version FROM stored_rules WHERE rule_id = $1`, [`hunt-${h.id}`]);
    expect(version.rows[0].version).toBe(2);
    await runOnce((await ruleCatalog()).rules, { workerId: "hunt-api" }, () => false);
    expect((await (await req("GET", `/api/v1/alerts?ruleId=hunt-${h.id}&status=all`, viewer)).json()).alerts).toHaveLength(1);
    await req("DELETE", `/api/v1/hunts/${h.id}/rule`, admin);
  }, 60_000);

  test("only an event query or a sequence joined by host, without pipes, can become a rule", async () => {
    for (const query of ["sequence by user.name [process where true] [process where true]", "process where true | head 3"]) {
      const { hunt: h } = await (await req("POST", "/api/v1/hunts", admin, { name: "no", query })).json();
      const res = await req("POST", `/api/v1/hunts/${h.id}/rule`, admin, { severity: "low", riskScore: 21, interval: "5m" });
      expect(res.status).toBe(422);
    }
  });
});
