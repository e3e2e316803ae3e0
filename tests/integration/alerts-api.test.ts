import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { startTestApp, type TestApp } from "@/tests/helpers/app";
import { insertAlerts, RULE_IDS, stepsOf } from "@/tests/helpers/fixtures/alerts";

let app: TestApp;
let analystKey: string;
let readKey: string;
beforeAll(async () => {
  app = await startTestApp();
  [analystKey, readKey] = await Promise.all([app.apiKey("analyst"), app.apiKey("read")]);
});
afterAll(() => app?.stop());

const api = async (path: string, init: { method?: string; body?: unknown; key?: string } = {}) => {
  const res = await fetch(`${app.url}/api/v1/alerts${path}`, {
    method: init.method ?? "GET",
    headers: { authorization: `ApiKey ${init.key ?? analystKey}`, "content-type": "application/json" },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
};
const list = async (query: string) => {
  const r = await api(`?${query}`);
  if (r.status === 500) console.log(app.output().slice(-3000));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
};
const ids = (body: { alerts: { id: string }[] }) => body.alerts.map((a) => a.id);
const minutes = (n: number) => new Date(Date.UTC(2026, 10, 20, 10, n));

describe("GET /api/v1/alerts", () => {
  test("keyset pagination returns every alert exactly once, in order, for each sort", async () => {
    const rows = await insertAlerts(
      Array.from({ length: 23 }, (_, i) => ({
        hostId: "pg-host",
        hostName: `PG-${String.fromCharCode(65 + (i % 7))}`,
        riskScore: [21, 47, 73][i % 3],
        severity: ["low", "medium", "high", "critical"][i % 4],
        createdAt: minutes(i % 6), // ties: only the id breaks them
        firstEventAt: minutes(i),
        status: i % 5 === 0 ? ("closed" as const) : ("open" as const),
      })),
    );
    const sevRank: Record<string, number> = { low: 1, medium: 2, high: 3, critical: 4 };
    const key = {
      createdAt: (r: (typeof rows)[0]) => (r.createdAt as Date).getTime(),
      riskScore: (r: (typeof rows)[0]) => r.riskScore,
      severity: (r: (typeof rows)[0]) => sevRank[r.severity],
      host: (r: (typeof rows)[0]) => r.hostName!.toLowerCase(),
      lastEventAt: (r: (typeof rows)[0]) => (r.lastEventAt as Date).getTime(),
    };
    for (const sort of Object.keys(key) as (keyof typeof key)[]) {
      for (const order of ["asc", "desc"] as const) {
        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const body = await list(`hostId=pg-host&status=all&sort=${sort}&order=${order}&limit=5${cursor ? `&cursor=${cursor}` : ""}`);
          seen.push(...ids(body));
          cursor = body.nextCursor;
          pages++;
        } while (cursor && pages < 20);
        const expected = [...rows]
          .sort((a, b) => {
            const ka = key[sort](a), kb = key[sort](b);
            const c = ka < kb ? -1 : ka > kb ? 1 : a.id! < b.id! ? -1 : a.id! > b.id! ? 1 : 0;
            return order === "asc" ? c : -c;
          })
          .map((r) => r.id);
        expect(seen, `${sort} ${order}`).toEqual(expected);
        expect(pages).toBe(5);
      }
    }
    // status defaults to open
    expect((await list("hostId=pg-host&limit=500")).alerts).toHaveLength(rows.filter((r) => r.status === "open").length);
  });

  test("a cursor of another sort or garbage is a 422; limit is capped at 500", async () => {
    const first = await list("status=all&limit=1");
    expect((await api(`?status=all&sort=riskScore&cursor=${first.nextCursor}`)).status).toBe(422);
    const bad = await api("?cursor=not-a-cursor");
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect((await api("?limit=501")).status).toBe(422);
    expect((await api("?severity=urgent")).status).toBe(422);
    expect((await api("?sourceIp=10.0.0.999")).status).toBe(422);
    for (const bad of ["10.13.37.0/33", "10.13.37.256", "not-an-ip", "10.13.37.0/", "10..13"]) {
      const res = await api(`?sourceIp=${encodeURIComponent(bad)}`);
      expect(res.status, bad).toBe(422);
      expect(res.body.error.message, bad).toMatch(/CIDR block \(10\.13\.37\.0\/24\) or a prefix/);
    }
  });

  test("each filter narrows the list; counts per status ignore the status filter", async () => {
    const rows = await insertAlerts([
      { hostId: "f-h1", hostName: "FIN-SRV01", rule: "powershell", severity: "high", sourceIp: "192.168.7.5", userName: "Bob", processName: "cmd.exe", commandLine: "cmd /c echo 100%_done", firstEventAt: minutes(1) },
      { hostId: "f-h1", hostName: "FIN-SRV01", rule: "winrs", severity: "medium", sourceIp: "192.168.7.50", userName: "carol", processName: "net.exe", firstEventAt: minutes(30) },
      { hostId: "f-h2", hostName: "FIN-SRV02", rule: "winrs", severity: "medium", sourceIp: "192.168.7.5", userName: "bob", status: "acknowledged", firstEventAt: minutes(50) },
      { hostId: "f-h2", hostName: "FIN-SRV02", rule: "powershell", severity: "low", sourceIp: null, userName: "dave", status: "closed", closingReason: "benign", firstEventAt: minutes(55) },
    ]);
    const only = async (q: string) => ids(await list(`status=all&q=FIN-SRV&${q}`)).sort();
    const idsOf = (...i: number[]) => i.map((n) => rows[n].id).sort();
    expect(await only(`ruleId=${RULE_IDS.winrs}`)).toEqual(idsOf(1, 2));
    expect(await only("severity=high")).toEqual(idsOf(0));
    expect(await only("severity=low,high")).toEqual(idsOf(0, 3));
    expect(await only("hostId=f-h2")).toEqual(idsOf(2, 3));
    expect(await only("host=fin-srv01")).toEqual(idsOf(0, 1));
    expect(await only("sourceIp=192.168.7.5")).toEqual(idsOf(0, 2)); // exact, not a prefix of .50
    expect(await only("sourceIp=192.168.7.0/24")).toEqual(idsOf(0, 1, 2)); // a CIDR block
    expect(await only("sourceIp=192.168.7.48/28")).toEqual(idsOf(1)); // host bits cleared: 192.168.7.48–63
    expect(await only("sourceIp=192.168.7")).toEqual(idsOf(0, 1, 2)); // a dotted prefix = /24
    expect(await only("sourceIp=192.168.")).toEqual(idsOf(0, 1, 2)); // = /16
    expect(await only("sourceIp=192.169")).toEqual([]);
    expect(await only("q=carol")).toEqual(idsOf(1)); // free text covers user names
    expect(await only("user=BOB")).toEqual(idsOf(0, 2));
    expect(await only("timeField=firstEventAt&from=2026-11-20T10:20:00Z&to=2026-11-20T10:52:00Z")).toEqual(idsOf(1, 2));
    expect(ids(await list("status=all&q=100%25_"))).toEqual([rows[0].id]); // % and _ are literal
    expect(ids(await list("status=all&q=0%25"))).toEqual([rows[0].id]);
    expect(ids(await list("status=all&q=net.exe"))).toEqual([rows[1].id]);

    const body = await list("hostId=f-h2");
    expect(body.alerts).toHaveLength(0); // both f-h2 alerts are not open
    expect(body.counts).toEqual({ open: 0, acknowledged: 1, closed: 1 });
    expect((await list("q=FIN-SRV&status=acknowledged")).counts).toEqual({ open: 2, acknowledged: 1, closed: 1 });
  });

  test("grouping by host, source IP and rule counts the filtered alerts", async () => {
    await insertAlerts([
      { hostId: "g-h1", hostName: "GRP-1", sourceIp: "172.16.0.1", riskScore: 47, createdAt: minutes(1) },
      { hostId: "g-h1", hostName: "GRP-1", sourceIp: "172.16.0.2", riskScore: 73, createdAt: minutes(2), rule: "winrs" },
      { hostId: "g-h2", hostName: "GRP-2", sourceIp: "172.16.0.1", riskScore: 21, createdAt: minutes(3) },
    ]);
    const byHost = await list("q=GRP-&groupBy=host");
    expect(byHost.groups).toEqual([
      { key: "g-h1", label: "GRP-1", count: 2, maxRisk: 73, latest: minutes(2).toISOString() },
      { key: "g-h2", label: "GRP-2", count: 1, maxRisk: 21, latest: minutes(3).toISOString() },
    ]);
    const byIp = await list("q=GRP-&groupBy=sourceIp");
    expect(byIp.groups.map((g: { key: string; count: number }) => [g.key, g.count])).toEqual([["172.16.0.1", 2], ["172.16.0.2", 1]]);
    const byRule = await list("q=GRP-&groupBy=rule");
    expect(byRule.groups.find((g: { key: string }) => g.key === RULE_IDS.winrs)).toMatchObject({ label: "Incoming Execution via WinRM Remote Shell", count: 1 });
    expect((await list("q=GRP-")).groups).toBeUndefined();
  });
});

describe("triage", () => {
  test("an alert's detail has its stages, checklist and activity; unknown ids are 404", async () => {
    const [row] = await insertAlerts([{ hostId: "d-h1" }]);
    const { status, body } = await api(`/${row.id}`, { key: readKey });
    expect(status).toBe(200);
    expect(body.host).toEqual({ id: "d-h1", name: "WKS-001" });
    expect(body.stages).toHaveLength(2);
    expect(body.checklist.items.map((i: { id: string }) => i.id)).toEqual(stepsOf().map((s) => s.id));
    expect(body.checklist.total).toBe(stepsOf().length);
    expect(body.rule.falsePositiveAnalysis.length).toBeGreaterThan(0);
    expect(body.activity).toEqual([]);
    expect((await api("/no-such-alert")).status).toBe(404);
    expect((await api("/no-such-alert", { method: "PATCH", body: { status: "closed" } })).status).toBe(404);
  });

  test("PATCH moves an alert through acknowledged, closed and reopened, with activity rows", async () => {
    const [row] = await insertAlerts([{ hostId: "p-h1" }]);
    let r = await api(`/${row.id}`, { method: "PATCH", body: { status: "acknowledged", assignee: "alice@example.test" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ status: "acknowledged", assignee: "alice@example.test" });
    expect(r.body.acknowledgedAt).not.toBeNull();
    r = await api(`/${row.id}`, { method: "PATCH", body: { status: "closed", closingReason: "false_positive" } });
    expect(r.body).toMatchObject({ status: "closed", closingReason: "false_positive" });
    expect(r.body.closedAt).not.toBeNull();
    r = await api(`/${row.id}`, { method: "PATCH", body: { status: "open" } });
    expect(r.body).toMatchObject({ status: "open", closingReason: null, closedAt: null });

    const bad = await api(`/${row.id}`, { method: "PATCH", body: { status: "acknowledged", closingReason: "benign" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe("validation_failed");
    expect((await api(`/${row.id}`, { method: "PATCH", body: { closingReason: "benign" } })).status).toBe(422);
    expect((await api(`/${row.id}`, { method: "PATCH", body: { status: "done" } })).status).toBe(422);
    expect((await api(`/${row.id}`, { method: "PATCH", body: {} })).status).toBe(422);

    const detail = (await api(`/${row.id}`)).body;
    expect(detail.activity.map((a: { kind: string; details: unknown }) => [a.kind, a.details])).toEqual([
      ["status", { from: "open", to: "acknowledged", closingReason: null }],
      ["assign", { from: null, to: "alice@example.test" }],
      ["status", { from: "acknowledged", to: "closed", closingReason: "false_positive" }],
      ["status", { from: "closed", to: "open", closingReason: null }],
    ]);
    expect(detail.activity[0].actor).toMatch(/^apikey:/);
    const audits = await db().auditEntry.count({ where: { action: "alert.update", targetId: row.id } });
    expect(audits).toBe(3);
  });

  test("a viewer can read but not write", async () => {
    const [row] = await insertAlerts([{ hostId: "v-h1" }]);
    expect((await api(`?hostId=v-h1`, { key: readKey })).status).toBe(200);
    const writes = [
      api(`/${row.id}`, { method: "PATCH", body: { status: "closed" }, key: readKey }),
      api("/bulk", { method: "POST", body: { ids: [row.id], status: "acknowledged" }, key: readKey }),
      api(`/${row.id}/notes`, { method: "POST", body: { body: "hi" }, key: readKey }),
      api(`/${row.id}/checklist/${stepsOf()[0].id}`, { method: "PUT", body: { done: true }, key: readKey }),
    ];
    for (const r of await Promise.all(writes)) {
      expect(r.status).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
    }
    expect((await db().alert.findUnique({ where: { id: row.id } }))!.status).toBe("open");
  });

  test("bulk update by ids and by filter: one activity row per alert, one audit row", async () => {
    const rows = await insertAlerts(Array.from({ length: 6 }, (_, i) => ({ hostId: i < 3 ? "b-h1" : "b-h2" })));
    let r = await api("/bulk", { method: "POST", body: { ids: [rows[0].id, rows[1].id, "unknown"], status: "acknowledged" } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ updated: 2, matched: 2 });
    // What the page's Undo restores: each changed alert with the status it had.
    expect([...r.body.changed].sort((a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1))).toEqual(
      [{ id: rows[0].id, from: "open" }, { id: rows[1].id, from: "open" }].sort((a, b) => (a.id! < b.id! ? -1 : 1)),
    );
    r = await api("/bulk", { method: "POST", body: { filter: { hostId: "b-h2" }, status: "closed", closingReason: "duplicate" } });
    expect(r.body.updated).toBe(3);
    const after = await db().alert.findMany({ where: { hostId: { in: ["b-h1", "b-h2"] } }, orderBy: { hostId: "asc" } });
    expect(after.filter((a) => a.status === "closed" && a.closingReason === "duplicate").map((a) => a.hostId)).toEqual(["b-h2", "b-h2", "b-h2"]);
    expect(after.filter((a) => a.status === "acknowledged")).toHaveLength(2);
    expect(await db().alertActivity.count({ where: { alertId: { in: rows.map((x) => x.id!) }, kind: "status" } })).toBe(5);
    const audit = await db().auditEntry.findMany({ where: { action: "alert.bulk_update" }, orderBy: { id: "asc" } });
    expect(audit.map((a) => (a.details as { updated: number }).updated)).toEqual([2, 3]);
    // the filter's status (open) no longer matches anything of b-h2
    r = await api("/bulk", { method: "POST", body: { filter: { hostId: "b-h2" }, status: "acknowledged" } });
    expect(r.body.updated).toBe(0);
    expect((await api("/bulk", { method: "POST", body: { status: "closed" } })).status).toBe(422);
    expect((await api("/bulk", { method: "POST", body: { ids: [rows[2].id], filter: {}, status: "closed" } })).status).toBe(422);
    expect((await api("/bulk", { method: "POST", body: { filter: { severity: "nope" }, status: "closed" } })).status).toBe(422);
  });

  test("notes and checklist ticks land in the activity; checklist done/total stays in sync", async () => {
    const [row] = await insertAlerts([{ hostId: "c-h1" }]);
    const steps = stepsOf();
    const note = await api(`/${row.id}/notes`, { method: "POST", body: { body: "Talked to the admin team" } });
    expect(note.status).toBe(201);
    expect(note.body).toMatchObject({ kind: "note", details: { body: "Talked to the admin team" } });
    expect((await api(`/${row.id}/notes`, { method: "POST", body: { body: "  " } })).status).toBe(422);

    let r = await api(`/${row.id}/checklist/${steps[0].id}`, { method: "PUT", body: { done: true, comment: "parent is wsmprovhost" } });
    expect(r.status).toBe(200);
    expect(r.body.checklist).toEqual({ done: 1, total: steps.length });
    expect(r.body.item).toMatchObject({ id: steps[0].id, done: true, comment: "parent is wsmprovhost" });
    expect(r.body.item.doneBy).toMatch(/^apikey:/);
    await api(`/${row.id}/checklist/${steps[1].id}`, { method: "PUT", body: { done: true } });
    r = await api(`/${row.id}/checklist/${steps[0].id}`, { method: "PUT", body: { done: false } });
    expect(r.body.checklist).toEqual({ done: 1, total: steps.length });
    expect(r.body.item).toMatchObject({ done: false, doneBy: null, comment: "parent is wsmprovhost" });
    expect((await api(`/${row.id}/checklist/step-000000000000`, { method: "PUT", body: { done: true } })).status).toBe(404);
    expect((await api(`/${row.id}/checklist/${steps[0].id}`, { method: "PUT", body: { done: "yes" } })).status).toBe(422);

    const stored = await db().alert.findUnique({ where: { id: row.id } });
    expect([stored!.checklistDone, stored!.checklistTotal]).toEqual([1, steps.length]);
    const listed = (await list("hostId=c-h1")).alerts[0];
    expect(listed.checklist).toEqual({ done: 1, total: steps.length });
    const detail = (await api(`/${row.id}`)).body;
    expect(detail.checklist.items.filter((i: { done: boolean }) => i.done).map((i: { id: string }) => i.id)).toEqual([steps[1].id]);
    expect(detail.activity.map((a: { kind: string }) => a.kind)).toEqual(["note", "checklist", "checklist", "checklist"]);
  });
});
