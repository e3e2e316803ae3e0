import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { generateScenario } from "@/lib/demo";
import { runOnce } from "@/lib/detection/detection-loop";
import type { AlertJson } from "@/lib/alerts/types";
import type { IncidentDetailJson, IncidentListJson, IncidentSplitJson, IncidentSummaryJson } from "@/lib/incidents/types";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import type { AddressesJson, CriticalHostRuleJson, MovementGraphJson } from "@/lib/movement/types";
import { loadRulePack } from "@/lib/rules";
import { startTestApp, type TestApp } from "@/tests/helpers/app";

/**
 * The movement and incidents APIs over real HTTP on the demo's data: incidents (list, page,
 * rename, assign, note, close, split, merge), the movement graph, owners of addresses, critical
 * hosts and priority, and the alerts' new fields.
 */
let app: TestApp;
let read: string;
let analyst: string;
let admin: string;
const END = Date.now();

async function call<T = unknown>(key: string, path: string, init: { method?: string; body?: unknown } = {}): Promise<{ status: number; body: T }> {
  const res = await fetch(`${app.url}${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `ApiKey ${key}`, ...(init.body !== undefined ? { "content-type": "application/json" } : {}) },
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
  });
  return { status: res.status, body: (await res.json()) as T };
}

beforeAll(async () => {
  app = await startTestApp();
  [read, analyst, admin] = await Promise.all([app.apiKey("read"), app.apiKey("analyst"), app.apiKey("admin")]);
  const docs = generateScenario({ end: END }).docs;
  for (let i = 0; i < docs.length; i += 5000) await ingestDocuments(docs.slice(i, i + 5000).map((doc) => ({ doc })));
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
});
afterAll(async () => {
  await app?.stop();
});

async function intruder(): Promise<IncidentSummaryJson> {
  const { body } = await call<IncidentListJson>(read, "/api/v1/incidents?status=all&limit=200");
  const found = body.incidents.find((i) => i.patientZero?.hostName === "WKS-017");
  expect(found).toBeDefined();
  return found!;
}

describe("incidents", () => {
  test("the list: open incidents by priority, the intruder's first, with counts per status", async () => {
    const { status, body } = await call<IncidentListJson>(read, "/api/v1/incidents");
    expect(status).toBe(200);
    expect(body.incidents[0].patientZero).toMatchObject({ hostName: "WKS-017" });
    expect(body.incidents[0]).toMatchObject({ alertCount: 8, hostCount: 3, status: "open", title: "WKS-017 → SRV-FILE-01, SRV-SQL-02, DC-01" });
    const priorities = body.incidents.map((i) => i.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(body.counts.open).toBe(body.incidents.length);
    const bySize = await call<IncidentListJson>(read, "/api/v1/incidents?sort=size");
    const sizes = bySize.body.incidents.map((i) => i.alertCount);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    const one = await call<IncidentListJson>(read, "/api/v1/incidents?sort=size&limit=1");
    expect(one.body.nextCursor).not.toBeNull();
    const next = await call<IncidentListJson>(read, `/api/v1/incidents?sort=size&limit=1&cursor=${one.body.nextCursor}`);
    expect(next.body.incidents[0].id).toBe(bySize.body.incidents[1].id);
    expect((await call(read, `/api/v1/incidents?sort=priority&cursor=${one.body.nextCursor}`)).status).toBe(422);
    expect((await call(read, "/api/v1/incidents?sort=nonsense")).status).toBe(422);
    // The text filter: a substring of the title, hosts or patient zero, in any case; or the number.
    const filtered = await call<IncidentListJson>(read, "/api/v1/incidents?status=all&q=jump-01");
    expect(filtered.body.incidents.length).toBeGreaterThan(0);
    expect(filtered.body.incidents.every((i) => i.title.includes("JUMP-01"))).toBe(true);
    const byPatientZero = await call<IncidentListJson>(read, "/api/v1/incidents?status=all&q=wks-017");
    expect(byPatientZero.body.incidents.map((i) => i.patientZero?.hostName)).toContain("WKS-017");
    const first = filtered.body.incidents[0];
    const byNumber = await call<IncidentListJson>(read, `/api/v1/incidents?status=all&q=INC-${first.number}`);
    expect(byNumber.body.incidents.map((i) => i.id)).toContain(first.id);
    expect((await call<IncidentListJson>(read, "/api/v1/incidents?status=all&q=%25")).body.incidents).toEqual([]);
  });

  test("the page: patient zero, hosts and their roles, the chain, one timeline, users, addresses, graph", async () => {
    const { id } = await intruder();
    const { status, body } = await call<IncidentDetailJson>(read, `/api/v1/incidents/${id}`);
    expect(status).toBe(200);
    expect(body.chains[0].patientZero.hostName).toBe("WKS-017");
    expect(body.chains[0].depth).toBe(2);
    const roles = Object.fromEntries(body.hostList.map((h) => [h.name, h.role]));
    expect(roles).toEqual({ "WKS-017": "patient_zero", "SRV-FILE-01": "pivot", "SRV-SQL-02": "target", "DC-01": "target" });
    expect(body.alerts).toHaveLength(8);
    expect(body.alerts.every((a) => a.incidentId === id)).toBe(true);
    expect(body.users).toEqual(["svc-backup"]);
    expect(body.timeline.some((t) => t.kind === "process" && t.text.includes("ntdsutil"))).toBe(true);
    expect(body.timeline.some((t) => t.kind === "connection" && t.text.startsWith("10.20.1.21:"))).toBe(true);
    const addr = Object.fromEntries(body.addresses.map((a) => [a.ip, a]));
    expect(addr["10.20.1.21"]).toMatchObject({ kind: "host", owners: [{ hostName: "SRV-FILE-01" }] });
    const names = body.graph.nodes.map((n) => n.name).sort();
    expect(names).toEqual(["DC-01", "SRV-FILE-01", "SRV-SQL-02", "WKS-017"]);
    expect(body.graph.edges).toHaveLength(3);
    expect((await call(read, "/api/v1/incidents/inc-nope")).status).toBe(404);
  });

  test("alerts carry their incident, source host, pivot and priority, and sort by priority", async () => {
    const { body } = await call<{ alerts: AlertJson[] }>(read, "/api/v1/alerts?status=all&sort=priority&limit=500");
    expect(body.alerts[0]).toMatchObject({ pivot: true, sourceHost: { name: "SRV-FILE-01" }, sourceAddress: { kind: "host" } });
    const priorities = body.alerts.map((a) => a.priority);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
    expect(body.alerts.every((a) => a.incidentId !== null)).toBe(true);
    const dc = body.alerts.find((a) => a.host.name === "DC-01")!;
    expect(dc.sourceIp).toBe("10.20.1.21");
    const detail = await call<{ addresses: AddressesJson["addresses"] }>(read, `/api/v1/alerts/${dc.id}`);
    expect(detail.body.addresses.find((a) => a.ip === "10.20.1.21")).toMatchObject({ kind: "host", owners: [{ hostName: "SRV-FILE-01" }] });
    const byIncident = await call<{ alerts: AlertJson[] }>(read, `/api/v1/alerts?status=all&incidentId=${dc.incidentId}`);
    expect(byIncident.body.alerts).toHaveLength(8);
  });

  test("rename, assign and note; closing needs a reason and closes every alert with it, on each alert's activity", async () => {
    const { id } = await intruder();
    expect((await call(read, `/api/v1/incidents/${id}`, { method: "PATCH", body: { title: "x" } })).status).toBe(403);
    expect((await call(analyst, `/api/v1/incidents/${id}`, { method: "PATCH", body: {} })).status).toBe(422);
    expect((await call(analyst, `/api/v1/incidents/${id}`, { method: "PATCH", body: { status: "closed" } })).status).toBe(422);
    const renamed = await call<IncidentSummaryJson>(analyst, `/api/v1/incidents/${id}`, {
      method: "PATCH", body: { title: "Intruder via svc-backup", assignee: "analyst@demo.local", note: "LSASS dumped on SRV-FILE-01" },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ title: "Intruder via svc-backup", assignee: "analyst@demo.local" });
    const closed = await call<IncidentSummaryJson>(analyst, `/api/v1/incidents/${id}`, { method: "PATCH", body: { status: "closed", closingReason: "true_positive" } });
    expect(closed.body).toMatchObject({ status: "closed", closingReason: "true_positive", openAlertCount: 0, title: "Intruder via svc-backup" });
    const page = await call<IncidentDetailJson>(read, `/api/v1/incidents/${id}`);
    expect(page.body.alerts.every((a) => a.status === "closed" && a.closingReason === "true_positive")).toBe(true);
    expect(page.body.activity.map((a) => a.kind)).toEqual(expect.arrayContaining(["rename", "assign", "note", "status"]));
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM alert_activity WHERE kind = 'status' AND details->>'incidentId' = $1 AND details->>'closingReason' = 'true_positive'`, [id]);
    expect(rows[0].n).toBe(8);
    const audit = await pool().query(`SELECT count(*)::int AS n FROM audit_log WHERE action = 'incident.update' AND target_id = $1`, [id]);
    expect(audit.rows[0].n).toBe(2);
    // The closed incident leaves the default (open) list; reopening brings it back.
    expect((await call<IncidentListJson>(read, "/api/v1/incidents")).body.incidents.some((i) => i.id === id)).toBe(false);
    await call(analyst, `/api/v1/incidents/${id}`, { method: "PATCH", body: { status: "open" } });
  });

  test("split takes alerts out into an incident of their own; merge brings them back", async () => {
    const { id } = await intruder();
    const page = await call<IncidentDetailJson>(read, `/api/v1/incidents/${id}`);
    const dcAlerts = page.body.alerts.filter((a) => a.host.name === "DC-01").map((a) => a.id);
    expect((await call(read, `/api/v1/incidents/${id}/split`, { method: "POST", body: { alertIds: dcAlerts } })).status).toBe(403);
    expect((await call(analyst, `/api/v1/incidents/${id}/split`, { method: "POST", body: { alertIds: ["not-an-alert-of-it"] } })).status).toBe(422);
    expect((await call(analyst, `/api/v1/incidents/${id}/split`, { method: "POST", body: { alertIds: page.body.alerts.map((a) => a.id) } })).status).toBe(422);
    const split = await call<IncidentSplitJson>(analyst, `/api/v1/incidents/${id}/split`, { method: "POST", body: { alertIds: dcAlerts } });
    expect(split.status).toBe(201);
    expect(split.body.incident.alertCount).toBe(2);
    expect(split.body.from.alertCount).toBe(6);
    const alert = await call<AlertJson>(read, `/api/v1/alerts/${dcAlerts[0]}`);
    expect(alert.body.incidentId).toBe(split.body.incident.id);

    const merged = await call<IncidentSummaryJson>(analyst, `/api/v1/incidents/${id}/merge`, { method: "POST", body: { otherId: split.body.incident.id } });
    expect(merged.status).toBe(200);
    expect(merged.body.alertCount).toBe(8);
    const gone = await call<IncidentDetailJson>(read, `/api/v1/incidents/${split.body.incident.id}`);
    expect(gone.body.mergedInto).toBe(id);
    expect((await call(analyst, `/api/v1/incidents/${id}/merge`, { method: "POST", body: { otherId: split.body.incident.id } })).status).toBe(409);
    expect((await call(analyst, `/api/v1/incidents/${id}/merge`, { method: "POST", body: { otherId: id } })).status).toBe(422);
  });
});

describe("movement, addresses, critical hosts", () => {
  test("the graph of the last 24 h: hosts and addresses, WinRM edges with counts, bounded", async () => {
    const { status, body } = await call<MovementGraphJson>(read, "/api/v1/movement");
    expect(status).toBe(200);
    expect(body.truncated).toBe(false);
    const byName = new Map(body.nodes.map((n) => [n.name, n]));
    const edge = (from: string, to: string) => body.edges.find((e) => e.source === byName.get(from)?.id && e.target === byName.get(to)?.id);
    expect(edge("WKS-017", "SRV-FILE-01")).toMatchObject({ alerts: 4, sourceIps: ["10.13.37.5"] });
    expect(edge("SRV-FILE-01", "DC-01")).toMatchObject({ alerts: 2 });
    expect(edge("MON-01", "DC-01")!.connections).toBeGreaterThan(100);
    expect(byName.get("SRV-FILE-01")).toMatchObject({ kind: "host", ip: "10.20.1.21", alerts: 4 });
    const around = await call<MovementGraphJson>(read, `/api/v1/movement?hostId=${byName.get("DC-01")!.hostId}`);
    expect(around.body.edges.every((e) => e.target === byName.get("DC-01")!.id || e.source === byName.get("DC-01")!.id)).toBe(true);
    const fromIp = await call<MovementGraphJson>(read, "/api/v1/movement?ip=10.13.37.5");
    expect(fromIp.body.edges.length).toBeGreaterThan(0);
    expect((await call(read, "/api/v1/movement?ip=nope")).status).toBe(422);
    expect((await call(read, "/api/v1/movement?from=2026-01-01&to=2026-12-31")).status).toBe(422);
    expect((await call(read, "/api/v1/movement?bogus=1")).status).toBe(422);
  });

  test("owners of addresses: host, external, unknown; the source-IP activity lists its owners", async () => {
    const { body } = await call<AddressesJson>(read, "/api/v1/addresses?ip=10.20.1.21&ip=185.220.101.34&ip=10.99.9.9");
    expect(body.addresses.map((a) => [a.ip, a.kind, a.owners.map((o) => o.hostName)])).toEqual([
      ["10.20.1.21", "host", ["SRV-FILE-01"]],
      ["185.220.101.34", "external", []],
      ["10.99.9.9", "unknown", []],
    ]);
    expect((await call(read, "/api/v1/addresses")).status).toBe(422);
    const activity = await call<{ owners: { hostName: string }[] }>(read, "/api/v1/ips/10.20.1.21/activity");
    expect(activity.body.owners.map((o) => o.hostName)).toEqual(["SRV-FILE-01"]);
  });

  test("marking DC-* critical raises its alerts and incidents; only admins may; removing it lowers them again", async () => {
    expect((await call(analyst, "/api/v1/critical-hosts", { method: "POST", body: { pattern: "DC-*" } })).status).toBe(403);
    expect((await call(admin, "/api/v1/critical-hosts", { method: "POST", body: { pattern: "DC-*; drop" } })).status).toBe(422);
    const before = await intruder();
    const created = await call<CriticalHostRuleJson>(admin, "/api/v1/critical-hosts", { method: "POST", body: { pattern: "DC-*" } });
    expect(created.status).toBe(201);
    expect(created.body.matches.map((m) => m.hostName)).toEqual(["DC-01"]);
    expect((await call(admin, "/api/v1/critical-hosts", { method: "POST", body: { pattern: "dc-*" } })).status).toBe(409);
    const after = await intruder();
    expect(after).toMatchObject({ critical: true, priority: before.priority + 100 });
    const alerts = await call<{ alerts: AlertJson[] }>(read, "/api/v1/alerts?status=all&sort=priority&limit=2");
    expect(alerts.body.alerts.map((a) => [a.host.name, a.critical])).toEqual([["DC-01", true], ["DC-01", true]]);
    const graph = await call<MovementGraphJson>(read, "/api/v1/movement");
    expect(graph.body.nodes.find((n) => n.name === "DC-01")?.critical).toBe(true);
    expect((await call(admin, `/api/v1/critical-hosts/${created.body.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await intruder()).priority).toBe(before.priority);
    const byId = await call<CriticalHostRuleJson>(admin, "/api/v1/critical-hosts", { method: "POST", body: { hostId: alerts.body.alerts[0].host.id } });
    expect(byId.body).toMatchObject({ hostName: "DC-01", pattern: null });
    const list = await call<{ rules: CriticalHostRuleJson[] }>(read, "/api/v1/critical-hosts");
    expect(list.body.rules).toHaveLength(1);
  });
});
