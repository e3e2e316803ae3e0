import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { insertAlerts, RULE_IDS } from "@/tests/helpers/fixtures/alerts";

let app: TestApp;
let analystKey: string;
let viewerKey: string;

beforeAll(async () => {
  app = await startTestApp();
  [analystKey, viewerKey] = await Promise.all([app.apiKey("analyst"), app.apiKey("read")]);
});
afterAll(async () => {
  await app?.stop();
});

async function call(method: string, path: string, body?: unknown, key = analystKey) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: { authorization: `ApiKey ${key}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

const ipEntry = (name: string, ip: string, extra: object = {}) => ({
  name,
  comment: "Admin jump host",
  ruleId: null,
  conditions: [{ field: "source.ip", operator: "is", values: [ip] }],
  ...extra,
});

describe("allowlist API", () => {
  test("CRUD, history and audit rows", async () => {
    const created = await call("POST", "/api/v1/allowlist", ipEntry("Jump host", "192.0.2.10"));
    expect(created.status).toBe(201);
    const id = created.body.entry.id;
    expect(created.body).toMatchObject({ closedAlerts: 0, entry: { name: "Jump host", caseInsensitive: true, enabled: true, expiryState: "never", hitAlerts: 0 } });

    const list = await call("GET", "/api/v1/allowlist", undefined, viewerKey);
    expect(list.status).toBe(200);
    expect(list.body.entries.map((e: { id: string }) => e.id)).toContain(id);

    const patched = await call("PATCH", `/api/v1/allowlist/${id}`, { name: "Jump host 2", expiresAt: "2020-01-01T00:00:00Z" });
    expect(patched.status).toBe(200);
    expect(patched.body.entry).toMatchObject({ name: "Jump host 2", expiryState: "expired", active: false });

    expect((await call("PATCH", `/api/v1/allowlist/${id}`, { enabled: false })).body.entry.enabled).toBe(false);
    expect((await call("GET", `/api/v1/allowlist/${id}`, undefined, viewerKey)).body.entry.name).toBe("Jump host 2");

    expect((await call("DELETE", `/api/v1/allowlist/${id}`)).status).toBe(200);
    expect((await call("GET", `/api/v1/allowlist/${id}`)).status).toBe(404);
    expect((await call("PATCH", `/api/v1/allowlist/${id}`, { enabled: true })).status).toBe(404);
    const listed = await call("GET", "/api/v1/allowlist");
    expect(listed.body.entries.map((e: { id: string }) => e.id)).not.toContain(id);

    const history = await call("GET", `/api/v1/allowlist/${id}/history`, undefined, viewerKey);
    expect(history.status).toBe(200);
    expect(history.body.changes.map((c: { action: string }) => c.action)).toEqual(["deleted", "disabled", "updated", "created"]);
    const upd = history.body.changes[2];
    expect(upd.before.name).toBe("Jump host");
    expect(upd.after.name).toBe("Jump host 2");

    const audit = await db().auditEntry.findMany({ where: { targetId: id }, orderBy: { id: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["allowlist.create", "allowlist.update", "allowlist.disable", "allowlist.delete"]);
    expect(audit.every((a) => a.actorType === "apikey")).toBe(true);
    expect((await db().allowlistEntry.findUnique({ where: { id } }))!.deletedAt).not.toBeNull();
  });

  test("viewers may read but not write", async () => {
    expect((await call("POST", "/api/v1/allowlist", ipEntry("x", "192.0.2.1"), viewerKey)).status).toBe(403);
    const { body } = await call("POST", "/api/v1/allowlist", ipEntry("y", "192.0.2.2"));
    const id = body.entry.id;
    for (const [m, b] of [["PATCH", { enabled: false }], ["DELETE", undefined]] as const) {
      const r = await call(m, `/api/v1/allowlist/${id}`, b, viewerKey);
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect((await call("POST", "/api/v1/allowlist/preview", ipEntry("", "192.0.2.2"), viewerKey)).status).toBe(200);
  });

  test("invalid entries answer 422 with a clear message", async () => {
    const cases: [object, RegExp][] = [
      [ipEntry("bad cidr", "x", { conditions: [{ field: "source.ip", operator: "cidr", values: ["10.0.0.0/33"] }] }), /not a valid CIDR range/],
      [ipEntry("bad v6", "x", { conditions: [{ field: "source.ip", operator: "cidr", values: ["2001:db8::/200"] }] }), /0 to 128/],
      [ipEntry("cidr on user", "x", { conditions: [{ field: "user.name", operator: "cidr", values: ["10.0.0.0/8"] }] }), /cidr applies only to IP fields/],
      [ipEntry("port text", "x", { conditions: [{ field: "destination.port", operator: "is", values: ["http"] }] }), /numeric field/],
      [ipEntry("empty", "x", { conditions: [{ field: "user.name", operator: "is_one_of", values: [] }] }), /add at least one value/],
      [ipEntry("star", "x", { conditions: [{ field: "process.name", operator: "matches", values: ["**"] }] }), /malformed/],
      [{ name: "no conditions", conditions: [] }, /at least one condition/],
    ];
    for (const [body, message] of cases) {
      const r = await call("POST", "/api/v1/allowlist", body);
      expect(r.status, JSON.stringify(body)).toBe(422);
      expect(r.body.error.code).toBe("validation_failed");
      expect(r.body.error.message).toMatch(message);
    }
    const created = await call("POST", "/api/v1/allowlist", ipEntry("ok", "192.0.2.3"));
    const r = await call("PATCH", `/api/v1/allowlist/${created.body.entry.id}`, { conditions: [{ field: "source.ip", operator: "matches", values: ["10.*"] }] });
    expect(r.status).toBe(422);
    expect((await call("POST", "/api/v1/allowlist/preview?days=0", ipEntry("", "192.0.2.3"))).status).toBe(422);
  });

  test("retroactive close by source.ip: exactly the alerts whose network stage came from it; preview counts equal the effect", async () => {
    const old = new Date(Date.now() - 20 * 86_400_000);
    const rows = await insertAlerts([
      { sourceIp: "198.51.100.7", hostId: "h-a", hostName: "FIN-01" },
      { sourceIp: "198.51.100.7", hostId: "h-b", hostName: "FIN-02", rule: "winrs" },
      { sourceIp: "198.51.100.7", hostId: "h-a", hostName: "FIN-01", status: "acknowledged", createdAt: old },
      { sourceIp: "198.51.100.7", hostId: "h-c", hostName: "FIN-03", status: "closed", closingReason: "benign" },
      { sourceIp: "198.51.100.8", hostId: "h-a", hostName: "FIN-01" },
      { sourceIp: "203.0.113.9", hostId: "h-d", hostName: "HR-01" },
    ]);
    const draft = ipEntry("Jump host 198.51.100.7", "198.51.100.7");
    const pv = await call("POST", "/api/v1/allowlist/preview?days=7", draft);
    expect(pv.status).toBe(200);
    expect(pv.body.preview).toMatchObject({ openAlerts: 3, recentAlerts: 3, days: 7 });
    expect(pv.body.preview.bySourceIp).toEqual([{ sourceIp: "198.51.100.7", count: 3 }]);
    expect(pv.body.preview.byHost[0]).toMatchObject({ hostId: "h-a", count: 1 });
    expect(pv.body.preview.sample).toHaveLength(4);

    const created = await call("POST", "/api/v1/allowlist", { ...draft, closeMatchingAlerts: true });
    expect(created.status).toBe(201);
    expect(created.body.closedAlerts).toBe(pv.body.preview.openAlerts);
    expect(created.body.entry.hitAlerts).toBe(3);
    const id = created.body.entry.id;

    const after = await db().alert.findMany({ where: { id: { in: rows.map((r) => r.id) } } });
    const byId = new Map(after.map((a) => [a.id, a]));
    for (const r of rows.slice(0, 3)) expect(byId.get(r.id)).toMatchObject({ status: "closed", closingReason: "allowlisted", allowlistEntryId: id });
    expect(byId.get(rows[3].id)).toMatchObject({ status: "closed", closingReason: "benign", allowlistEntryId: null });
    for (const r of rows.slice(4)) expect(byId.get(r.id)!.status).toBe("open");

    const activity = await db().alertActivity.findMany({ where: { kind: "allowlist", alertId: { in: rows.map((r) => r.id) } } });
    expect(activity.map((a) => a.alertId).sort()).toEqual(rows.slice(0, 3).map((r) => r.id).sort());
    const history = await call("GET", `/api/v1/allowlist/${id}/history`);
    expect(history.body.changes.map((c: { action: string }) => c.action)).toEqual(["closed_alerts", "created"]);
    expect(history.body.changes[0].after.count).toBe(3);

    // Nothing left to close: the preview now agrees.
    expect((await call("POST", "/api/v1/allowlist/preview", draft)).body.preview.openAlerts).toBe(0);
  });

  test("retroactive close by CIDR, scoped to one rule", async () => {
    const rows = await insertAlerts([
      { sourceIp: "172.20.1.5", hostId: "h-x" },
      { sourceIp: "172.20.200.9", hostId: "h-y" },
      { sourceIp: "172.20.3.3", hostId: "h-x", rule: "winrs" },
      { sourceIp: "172.21.0.1", hostId: "h-x" },
    ]);
    const draft = {
      name: "Admin VLAN",
      ruleId: RULE_IDS.powershell,
      conditions: [
        { field: "source.ip", operator: "cidr", values: ["172.20.0.0/16"] },
        { field: "destination.port", operator: "is", values: ["5985"] },
      ],
    };
    // Conditions hold on one event: source.ip (network stage) AND the parent name (process stage) never do.
    const crossStage = { ...draft, conditions: [draft.conditions[0], { field: "process.parent.name", operator: "is", values: ["WSMPROVHOST.EXE"] }] };
    expect((await call("POST", "/api/v1/allowlist/preview", crossStage)).body.preview.openAlerts).toBe(0);
    const pv = await call("POST", "/api/v1/allowlist/preview", draft);
    expect(pv.body.preview.openAlerts).toBe(2);
    const created = await call("POST", "/api/v1/allowlist", { ...draft, closeMatchingAlerts: true });
    expect(created.body.closedAlerts).toBe(2);
    const status = Object.fromEntries((await db().alert.findMany({ where: { id: { in: rows.map((r) => r.id) } } })).map((a) => [a.id, a.status]));
    expect(rows.map((r) => status[r.id])).toEqual(["closed", "closed", "open", "open"]);
    const audit = await db().auditEntry.findFirst({ where: { targetId: created.body.entry.id, action: "allowlist.create" } });
    expect(audit!.details).toMatchObject({ closeMatchingAlerts: true, closedAlerts: 2 });
  });

  test("a disabled entry closes nothing and previews as inactive", async () => {
    await insertAlerts([{ sourceIp: "192.0.2.200", hostId: "h-z" }]);
    const draft = ipEntry("off", "192.0.2.200", { enabled: false });
    const pv = await call("POST", "/api/v1/allowlist/preview", draft);
    expect(pv.body.preview).toMatchObject({ active: false, openAlerts: 0 });
    expect((await call("POST", "/api/v1/allowlist", { ...draft, closeMatchingAlerts: true })).body.closedAlerts).toBe(0);
  });
});
