import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { getOverview } from "@/lib/investigation/get-overview";
import { loadRulePack } from "@/lib/rules";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { ATTACKER, captureEvents, T0, WKS1 } from "./investigation-fixture";

let app: TestApp;
let read: string;
let admin: string;
let analyst: string;
const ALERT_ID = "alert-wks01-whoami";

async function seqOf(eventId: string): Promise<number> {
  const { rows } = await pool().query(`select seq from events where event_id = $1`, [eventId]);
  return Number(rows[0].seq);
}

beforeAll(async () => {
  app = await startTestApp();
  const ingest = await app.apiKey("ingest");
  [read, admin, analyst] = await Promise.all([app.apiKey("read"), app.apiKey("admin"), app.apiKey("analyst")]);
  const res = await fetch(`${app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingest}`, "content-type": "application/x-ndjson" },
    body: captureEvents().map((e) => JSON.stringify(e)).join("\n"),
  });
  expect(await res.json()).toMatchObject({ accepted: captureEvents().length, rejected: 0 });
  const [netSeq, whoamiSeq] = [await seqOf("conn-1"), await seqOf("proc-whoami")];
  const rule = loadRulePack().rules[0];
  await db().alert.create({
    data: {
      id: ALERT_ID,
      ruleId: rule.ruleId,
      ruleName: rule.name,
      ruleVersion: rule.version,
      severity: rule.severity,
      riskScore: rule.riskScore,
      reason: "whoami.exe started by wsmprovhost.exe after a WinRM connection from 10.13.37.5",
      hostId: WKS1.id,
      hostName: WKS1.name,
      sourceIp: ATTACKER,
      processName: "whoami.exe",
      parentName: "wsmprovhost.exe",
      firstEventAt: new Date(T0),
      lastEventAt: new Date(T0 + 5000),
      events: [
        { id: netSeq, eventId: "conn-1", timestamp: new Date(T0).toISOString(), category: ["network"] },
        { id: whoamiSeq, eventId: "proc-whoami", timestamp: new Date(T0 + 5000).toISOString(), category: ["process"] },
      ],
      stages: [
        { stage: 0, category: "network", event: { id: netSeq, eventId: "conn-1", timestamp: new Date(T0).toISOString(), category: ["network"] }, fields: { sourceIp: ATTACKER }, enrichments: [], doc: {} },
        {
          stage: 1,
          category: "process",
          event: { id: whoamiSeq, eventId: "proc-whoami", timestamp: new Date(T0 + 5000).toISOString(), category: ["process"] },
          fields: { processName: "whoami.exe", processPid: 4100, parentPid: 4000, parentName: "wsmprovhost.exe" },
          enrichments: [],
          doc: {},
        },
      ],
    },
  });
});
afterAll(() => app?.stop());

const get = (path: string, key = read) => fetch(`${app.url}${path}`, { headers: { authorization: `ApiKey ${key}` } });

describe("process tree", () => {
  test("the alert's tree: whoami.exe ← wsmprovhost.exe ← svchost.exe, its child, and the sibling net.exe", async () => {
    const res = await get(`/api/v1/alerts/${ALERT_ID}/process-tree`);
    expect(res.status).toBe(200);
    const body = await res.json();
    const name = (k: string) => body.tree.nodes[k].name;
    expect(body.lineage.map(name)).toEqual(["whoami.exe", "wsmprovhost.exe", "svchost.exe"]);
    expect(body.siblings.map(name)).toEqual(["net.exe"]);
    const names = Object.values(body.tree.nodes).map((n) => (n as { name: string }).name).sort();
    expect(names).toEqual(["conhost.exe", "net.exe", "svchost.exe", "whoami.exe", "wsmprovhost.exe"]);
    const focus = body.tree.nodes[body.focusKey];
    expect(focus.commandLine).toBe('"C:\\Windows\\system32\\whoami.exe" /all');
    expect(focus.edge).toEqual({ inferred: true, via: "pid" });
    const svchost = body.tree.nodes[body.lineage[2]];
    expect(svchost).toMatchObject({ synthesized: true, pid: 800, event: null });
    // Every kept node with a start event carries that event's stored document.
    const withEvents = Object.values(body.tree.nodes).filter((n) => (n as { event: unknown }).event) as { event: { eventId: string; doc: { event?: { id?: string } } } }[];
    expect(withEvents).toHaveLength(4);
    for (const n of withEvents) expect(n.event.doc.event?.id).toBe(n.event.eventId);
  });

  test("an unknown alert is 404; without credentials 401", async () => {
    expect((await get(`/api/v1/alerts/nope/process-tree`)).status).toBe(404);
    expect((await fetch(`${app.url}/api/v1/alerts/${ALERT_ID}/process-tree`)).status).toBe(401);
  });

  test("the host's tree for a window holds every process start of the host with inferred edges", async () => {
    const q = new URLSearchParams({ from: new Date(T0 - 60_000).toISOString(), to: new Date(T0 + 60_000).toISOString() });
    const body = await (await get(`/api/v1/hosts/${WKS1.id}/process-tree?${q}`)).json();
    expect(body.processCount).toBe(5);
    expect(body.host.name).toBe("WKS-01");
    const roots = body.tree.roots.map((k: string) => body.tree.nodes[k].name).sort();
    expect(roots).toEqual(["explorer.exe", "svchost.exe"]);
    expect(body.inferredEdges).toBe(5); // whoami, conhost, net by pid/ppid; wsmprovhost, notepad under synthesized parents
    const via = Object.values(body.tree.nodes).map((n) => (n as { edge: { via: string } | null }).edge?.via).filter(Boolean).sort();
    expect(via).toEqual(["parent_fields", "parent_fields", "pid", "pid", "pid"]);
    const bad = await get(`/api/v1/hosts/${WKS1.id}/process-tree?from=yesterday`);
    expect(bad.status).toBe(422);
  });
});

describe("source IP activity", () => {
  test("lists the IP's WinRM connections across 3 hosts with first/last seen and counts per host", async () => {
    const q = new URLSearchParams({ from: new Date(T0 - 3600_000).toISOString(), to: new Date(T0 + 3 * 3600_000).toISOString() });
    const res = await get(`/api/v1/ips/${ATTACKER}/activity?${q}`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.connections).toHaveLength(4);
    expect(body.hosts.map((h: { hostName: string }) => h.hostName)).toEqual(["WKS-01", "SRV-02", "DC-01"]);
    expect(body.hosts.map((h: { connections: number }) => h.connections)).toEqual([1, 2, 1]);
    expect(body.hosts[0].alerts).toBe(1);
    expect(body.firstSeen).toBe(new Date(T0).toISOString());
    expect(body.lastSeen).toBe(new Date(T0 + 7200_000).toISOString());
    expect(body.alerts[0].id).toBe(ALERT_ID);
    expect(body.buckets.reduce((n: number, b: { connections: number }) => n + b.connections, 0)).toBe(4);
  });

  test("an IPv4-mapped IPv6 address is the same IP; a malformed IP is 422", async () => {
    const q = new URLSearchParams({ from: new Date(T0 - 3600_000).toISOString(), to: new Date(T0 + 3 * 3600_000).toISOString() });
    const mapped = await (await get(`/api/v1/ips/${encodeURIComponent("::ffff:10.13.37.5")}/activity?${q}`)).json();
    expect(mapped.ip).toBe(ATTACKER);
    expect(mapped.hosts).toHaveLength(3);
    const bad = await get(`/api/v1/ips/${encodeURIComponent("10.13.37.999")}/activity`);
    expect(bad.status).toBe(422);
    expect((await bad.json()).error.code).toBe("validation_failed");
  });

  test("the alert's IP activity covers ±24 h around it", async () => {
    const body = await (await get(`/api/v1/alerts/${ALERT_ID}/ip-activity`)).json();
    expect(body.ip).toBe(ATTACKER);
    expect(body.hosts).toHaveLength(3);
    expect(body.window.from).toBe(new Date(T0 + 5000 - 86400_000).toISOString());
  });
});

describe("rules API", () => {
  test("lists both rules, enabled by default, with schedule and backlog", async () => {
    const body = await (await get(`/api/v1/rules`)).json();
    const pack = loadRulePack().rules;
    expect(body.rules.map((r: { ruleId: string }) => r.ruleId).sort()).toEqual(pack.map((r) => r.ruleId).sort());
    for (const r of body.rules) {
      expect(r.enabled).toBe(true);
      expect(r.schedule.interval).toBeTruthy();
      expect(r.backlog.events).toBe(captureEvents().length); // no checkpoint yet: everything is pending
    }
    const first = body.rules.find((r: { ruleId: string }) => r.ruleId === pack[0].ruleId);
    expect(first.alerts.open).toBe(1);
  });

  test("PATCH enabled works for an admin, is 403 for an analyst, 422 on a bad body, and is audited", async () => {
    const id = loadRulePack().rules[1].ruleId;
    const patch = (key: string, body: unknown) =>
      fetch(`${app.url}/api/v1/rules/${id}`, { method: "PATCH", headers: { authorization: `ApiKey ${key}`, "content-type": "application/json" }, body: JSON.stringify(body) });
    expect((await patch(analyst, { enabled: false })).status).toBe(403);
    expect((await patch(admin, { enabled: "no" })).status).toBe(422);
    const res = await patch(admin, { enabled: false });
    expect(res.status).toBe(200);
    expect((await res.json()).enabled).toBe(false);
    const state = await db().ruleState.findUnique({ where: { ruleId: id } });
    expect(state?.enabled).toBe(false);
    const one = await (await get(`/api/v1/rules/${id}`)).json();
    expect(one.enabled).toBe(false);
    expect(one.query).toMatch(/sequence/);
    const audit = await db().auditEntry.findFirst({ where: { action: "rule.disable", targetId: id } });
    expect(audit).not.toBeNull();
    expect((await patch(admin, { enabled: true })).status).toBe(200);
  });

  test("run now sets run_requested_at (admins only); executions list; unknown rule 404", async () => {
    const id = loadRulePack().rules[0].ruleId;
    const run = (key: string, rule = id) => fetch(`${app.url}/api/v1/rules/${rule}/run`, { method: "POST", headers: { authorization: `ApiKey ${key}` } });
    expect((await run(analyst)).status).toBe(403);
    const before = Date.now();
    const res = await run(admin);
    expect(res.status).toBe(202);
    const state = await db().ruleState.findUnique({ where: { ruleId: id } });
    expect(state?.runRequestedAt?.getTime()).toBeGreaterThanOrEqual(before - 5000);
    expect(state?.enabled).toBe(true);
    expect((await run(admin, "no-such-rule")).status).toBe(404);
    const ex = await (await get(`/api/v1/rules/${id}/executions`)).json();
    expect(ex.executions).toEqual([]);
  });
});

describe("overview", () => {
  test("counts, top IPs and hosts and mean times for a known fixture", async () => {
    const now = Date.now();
    const base = { ruleId: "r-x", ruleName: "Rule X", ruleVersion: 1, severity: "medium", riskScore: 47, reason: "x", firstEventAt: new Date(now), lastEventAt: new Date(now), events: [], stages: [] };
    const created = new Date(now - 3 * 3600_000);
    await db().alert.createMany({
      data: [
        { ...base, id: "ov-1", hostId: "ov-h1", hostName: "OV-H1", sourceIp: "192.0.2.1", createdAt: created, status: "acknowledged", acknowledgedAt: new Date(created.getTime() + 600_000) },
        { ...base, id: "ov-2", hostId: "ov-h1", hostName: "OV-H1", sourceIp: "192.0.2.1", createdAt: created, status: "closed", closingReason: "false_positive", acknowledgedAt: new Date(created.getTime() + 1200_000), closedAt: new Date(created.getTime() + 3600_000) },
        { ...base, id: "ov-3", hostId: "ov-h2", hostName: "OV-H2", sourceIp: "192.0.2.1", createdAt: created, status: "open" },
      ],
    });
    const o = await getOverview({ from: new Date(now - 7 * 86400_000), to: new Date(now + 1000) });
    // the alert created by beforeAll is open too
    expect(o.counts).toEqual({ open: 2, acknowledged: 1, closed: 1, total: 4 });
    expect(o.meanTimeToAcknowledgeSeconds).toBeCloseTo(900, 0);
    expect(o.meanTimeToCloseSeconds).toBeCloseTo(3600, 0);
    expect(o.topSourceIps[0]).toMatchObject({ ip: "192.0.2.1", alerts: 3, hosts: 2, open: 2 });
    expect(o.topHosts[0]).toMatchObject({ hostId: "ov-h1", alerts: 2, open: 1 });
    const openByRule = o.openByRule.rows.reduce((n, r) => n + Number(r["Rule X"] ?? 0), 0);
    expect(openByRule).toBe(2);
  });
});
