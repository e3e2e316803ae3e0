import type { Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { generateScenario, hostByName } from "@/lib/demo";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";

/**
 * The incident page and the movement graph in Chromium, on the demo scenario: the intruder's chain
 * WKS-017 → SRV-FILE-01 → SRV-SQL-02 and DC-01 is one incident with WKS-017 as patient zero; its graph
 * draws the hops, an edge opens its connections and alerts, a node its host page; the analyst's
 * actions work; and a 200-host graph with more edges than the API draws says it is truncated.
 */
const e2e = useAppAndBrowser();
const END = Date.parse("2026-11-20T12:00:00Z");
const scenario = generateScenario({ end: END });
let analyst: { email: string; password: string };
let ingestKey: string;

async function ingest(docs: object[]) {
  for (let i = 0; i < docs.length; i += 2000) {
    const res = await fetch(`${e2e.app.url}/api/v1/events`, {
      method: "POST",
      headers: { authorization: `ApiKey ${ingestKey}`, "content-type": "application/x-ndjson" },
      body: docs.slice(i, i + 2000).map((d) => JSON.stringify(d)).join("\n"),
    });
    expect((await res.json()).rejected).toBe(0);
  }
}

beforeAll(async () => {
  ingestKey = await e2e.app.apiKey("ingest");
  const adminKey = await e2e.app.apiKey("admin");
  const marked = await fetch(`${e2e.app.url}/api/v1/critical-hosts`, {
    method: "POST",
    headers: { authorization: `ApiKey ${adminKey}`, "content-type": "application/json" },
    body: JSON.stringify({ pattern: "DC-*" }),
  });
  expect(marked.status).toBeLessThan(300);
  await ingest(scenario.docs);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
  analyst = await e2e.app.user("analyst");
}, 240_000);

const hostNode = (name: string) => `host:${hostByName(name).id}`;
const graph = (page: Page) => page.getByTestId("movement-graph");

async function intruderIncidentId(): Promise<string> {
  const { rows } = await pool().query(`SELECT DISTINCT incident_id FROM alerts WHERE host_name = 'DC-01' AND incident_id IS NOT NULL`);
  expect(rows).toHaveLength(1);
  return rows[0].incident_id as string;
}

test("incidents list → the intruder's incident: patient zero, graph, chain, timeline, hosts, addresses", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  const id = await intruderIncidentId();

  await page.goto("/incidents");
  const row = page.locator(`tr[data-incident-id="${id}"]`);
  await row.waitFor();
  // A critical target (DC-01) puts it first by priority, the default order.
  await expect(page.locator("tbody tr").first().getAttribute("data-incident-id")).resolves.toBe(id);
  await expect(row.textContent()).resolves.toContain("WKS-017");
  await expect(page.getByRole("columnheader", { name: /Priority/ }).getAttribute("aria-sort")).resolves.toBe("descending");
  // Sort by size from its header, the All tab, a search: all in the URL.
  await page.getByRole("columnheader", { name: /Alerts/ }).getByRole("button").click();
  await page.waitForURL(/sort=size/);
  await expect(page.getByRole("columnheader", { name: /Alerts/ }).getAttribute("aria-sort")).resolves.toBe("descending");
  await page.getByRole("tab", { name: /^All/ }).click();
  await page.waitForURL(/status=all/);
  await page.getByLabel("Search").fill("SRV-SQL-02");
  await page.getByRole("button", { name: "Apply" }).click();
  await page.waitForURL(/q=SRV-SQL-02/);
  await row.waitFor();
  await expect.poll(async () => (await page.locator("tbody tr[data-incident-id]").allTextContents()).every((t) => t.includes("SRV-SQL-02"))).toBe(true);
  await row.getByRole("link").first().click();
  await page.waitForURL(new RegExp(`/incidents/${id}$`));

  await expect(page.getByTestId("patient-zero").textContent()).resolves.toContain("WKS-017");
  const g = graph(page);
  for (const name of ["WKS-017", "SRV-FILE-01", "SRV-SQL-02", "DC-01"]) await g.getByTestId(`rf__node-${hostNode(name)}`).waitFor();
  await expect(g.getByTestId(`rf__node-${hostNode("DC-01")}`).locator("[data-critical]").count()).resolves.toBe(1);
  // The hops are edges: WKS-017 → SRV-FILE-01, then SRV-FILE-01 → SRV-SQL-02 and → DC-01.
  for (const [s, t] of [["WKS-017", "SRV-FILE-01"], ["SRV-FILE-01", "SRV-SQL-02"], ["SRV-FILE-01", "DC-01"]]) {
    await g.getByTestId(`rf__edge-${hostNode(s)}→${hostNode(t)}`).waitFor({ state: "attached" });
  }
  // Laid out left to right in the order of the chain.
  const x = async (name: string) => (await g.getByTestId(`rf__node-${hostNode(name)}`).boundingBox())!.x;
  expect(await x("SRV-FILE-01")).toBeGreaterThan(await x("WKS-017"));
  expect(await x("DC-01")).toBeGreaterThan(await x("SRV-FILE-01"));

  const chain = page.getByTestId("chain").first();
  await expect(chain.textContent()).resolves.toMatch(/Patient zero\s*WKS-017/);
  const timeline = page.getByRole("list", { name: "Incident timeline" });
  expect(await timeline.locator('li[data-kind="alert"]').count()).toBeGreaterThanOrEqual(3);
  expect(await timeline.locator('li[data-kind="connection"]').count()).toBeGreaterThanOrEqual(1);
  const hosts = page.getByRole("list", { name: "Hosts" });
  await expect(hosts.locator('li[data-host-role="patient_zero"]').textContent()).resolves.toContain("WKS-017");
  await expect(hosts.locator('li[data-host-role="pivot"]').textContent()).resolves.toContain("SRV-FILE-01");
  // SRV-FILE-01's address reads as SRV-FILE-01, the foothold's as WKS-017.
  const addresses = page.getByRole("list", { name: "Addresses" });
  await expect(addresses.textContent()).resolves.toContain(`${hostByName("SRV-FILE-01").ip} · SRV-FILE-01`);
  await expect(addresses.textContent()).resolves.toContain(`${hostByName("WKS-017").ip} · WKS-017`);
  await page.setViewportSize({ width: 1440, height: 900 });
  await screenshot(page, "incident");
  expect(problems).toEqual([]);
  await page.context().close();
});

test("an edge opens its connections and alerts; a node opens its host page", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  const id = await intruderIncidentId();
  await page.goto(`/incidents/${id}`);
  const edge = graph(page).getByTestId(`rf__edge-${hostNode("SRV-FILE-01")}→${hostNode("DC-01")}`);
  await edge.waitFor({ state: "attached" });
  await edge.locator(".react-flow__edge-interaction").dispatchEvent("click");
  const details = page.getByTestId("edge-details");
  await details.waitFor();
  await expect(details.getByRole("heading", { level: 3 }).textContent()).resolves.toMatch(/SRV-FILE-01\s*→\s*DC-01/);
  await details.getByText(/^Connections \([1-9]/).waitFor();
  await details.getByText(/^Alerts \([1-9]/).waitFor();
  expect(await details.getByRole("link", { name: /Incoming Execution/ }).count()).toBeGreaterThanOrEqual(1);

  // From the keyboard: focus another edge and press Enter.
  await details.getByRole("button", { name: "Close" }).click();
  await graph(page).getByTestId(`rf__edge-${hostNode("WKS-017")}→${hostNode("SRV-FILE-01")}`).focus();
  await page.keyboard.press("Enter");
  await expect.poll(() => page.getByTestId("edge-details").getByRole("heading", { level: 3 }).textContent()).toMatch(/WKS-017\s*→\s*SRV-FILE-01/);

  await graph(page).getByTestId(`rf__node-${hostNode("SRV-SQL-02")}`).click();
  await page.waitForURL(new RegExp(`/hosts/${encodeURIComponent(hostByName("SRV-SQL-02").id)}\\?`));
  await page.getByRole("heading", { name: "Host SRV-SQL-02" }).waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
});

test("the analyst renames, assigns, notes and closes the incident; its alerts close with the reason", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  const id = await intruderIncidentId();
  await page.goto(`/incidents/${id}`);
  await page.getByTestId("incident-header").waitFor();

  await page.getByRole("button", { name: "Rename" }).click();
  await page.getByLabel("Incident name", { exact: true }).fill("WKS-017 intruder <b>chain</b>");
  await page.getByRole("button", { name: "Rename", exact: true }).last().click();
  await expect.poll(() => page.getByTestId("incident-title").textContent()).toContain("WKS-017 intruder <b>chain</b>"); // as text

  await page.getByRole("button", { name: "Assign to me" }).click();
  await expect.poll(() => page.getByTestId("incident-assignee").textContent()).toBe(analyst.email);

  await page.getByRole("button", { name: "Add note" }).click();
  await page.getByLabel("Note", { exact: true }).fill("Stolen svc-backup used from WKS-017");
  await page.getByRole("button", { name: "Add note" }).last().click();
  await page.getByRole("list", { name: "Incident activity" }).getByText("Stolen svc-backup used from WKS-017").waitFor();

  await page.getByRole("button", { name: "Close incident…" }).click();
  const dialog = page.getByRole("dialog", { name: "Close the incident" });
  // Nothing preselected: submitting without a reason says so and closes nothing.
  await dialog.getByRole("button", { name: /^Close incident and/ }).click();
  await dialog.getByText("Pick a reason").waitFor();
  await dialog.getByLabel("True positive").check();
  await dialog.getByRole("button", { name: /^Close incident and/ }).click();
  await page.getByTestId("incident-header").getByText(/closed/).first().waitFor();
  const { rows } = await pool().query(`SELECT status, closing_reason FROM alerts WHERE incident_id = $1`, [id]);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  for (const r of rows) expect(r).toEqual({ status: "closed", closing_reason: "true_positive" });
  expect(problems).toEqual([]);
  await page.context().close();
});

test("/movement: the window's graph, a range control in the URL, a table of the same edges", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  const q = new URLSearchParams({ from: new Date(END - 24 * 3600_000).toISOString(), to: new Date(END).toISOString() });
  await page.goto(`/movement?${q}`);
  await graph(page).getByTestId(`rf__node-${hostNode("WKS-017")}`).waitFor();
  await graph(page).getByTestId(`rf__node-${hostNode("JUMP-01")}`).waitFor();
  expect(await page.getByTestId("movement-truncated").count()).toBe(0);

  await page.getByRole("tab", { name: "Table" }).click();
  const table = page.getByRole("table", { name: "Connections between hosts" });
  await table.locator('tr[data-alerted="true"]').first().waitFor();
  await expect(table.textContent()).resolves.toContain("SRV-FILE-01");
  await page.getByRole("tab", { name: "Graph" }).click();

  const start = page.getByRole("slider", { name: "Window start" });
  await start.focus();
  await page.keyboard.press("PageUp");
  await page.waitForURL((u) => u.searchParams.get("from") !== q.get("from"));
  expect(Date.parse(new URL(page.url()).searchParams.get("from")!)).toBeGreaterThan(Date.parse(q.get("from")!));
  await page.getByTestId("movement-counts").waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
});

test("SRV-FILE-01's address: its own host is the origin, each session it opened counts once, at the host it reached", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  const ip = hostByName("SRV-FILE-01").ip;
  const q = new URLSearchParams({ from: new Date(END - 24 * 3600_000).toISOString(), to: new Date(END).toISOString() });
  // Each session is recorded twice: SRV-FILE-01's outbound connection and the target's inbound one.
  const { rows } = await pool().query(
    `SELECT count(*) FILTER (WHERE host_id = $2)::int AS outbound, count(*) FILTER (WHERE host_id <> $2)::int AS inbound
       FROM events WHERE source_ip = $1::inet AND destination_port = 5985 AND ts BETWEEN $3 AND $4`,
    [ip, hostByName("SRV-FILE-01").id, q.get("from"), q.get("to")],
  );
  expect(rows[0].outbound).toBeGreaterThan(0);
  expect(rows[0].outbound).toBe(rows[0].inbound);
  await page.goto(`/ips/${ip}?${q}`);
  const origin = page.getByTestId("ip-origin");
  await origin.waitFor();
  await expect(origin.getByRole("link", { name: "SRV-FILE-01" }).isVisible()).resolves.toBe(true);
  await expect(origin.textContent()).resolves.toContain(`recorded ${rows[0].outbound} outbound WinRM connection`);
  const reached = page.getByRole("table");
  for (const host of ["SRV-SQL-02", "DC-01"]) await expect(reached.getByRole("link", { name: host }).isVisible()).resolves.toBe(true);
  expect(await reached.getByRole("link", { name: "SRV-FILE-01" }).count()).toBe(0);
  const connections = page.getByText("WinRM connections", { exact: true }).locator("..");
  await expect(connections.textContent()).resolves.toBe(`WinRM connections${rows[0].inbound}`);
  await screenshot(page, "ip-origin");
  expect(problems).toEqual([]);
  await page.context().close();
});

test("200 hosts and 2,100 connections between them: drawn legibly, with the truncation note", async () => {
  const at = END + 24 * 3600_000; // after the demo: only these hosts in the window
  const hosts = Array.from({ length: 200 }, (_, i) => ({ id: `big-${i}`, name: `BIG-${String(i).padStart(3, "0")}`, ip: `10.77.${i >> 8}.${(i & 255) + 1}` }));
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pairs = new Set<string>();
  const docs: object[] = [];
  while (pairs.size < 2100) {
    const s = Math.floor(rand() * 200);
    const t = Math.floor(rand() * 200);
    if (s === t || pairs.has(`${s}>${t}`)) continue;
    pairs.add(`${s}>${t}`);
    const target = hosts[t];
    docs.push({
      "@timestamp": new Date(at + pairs.size * 1000).toISOString(),
      event: { id: `big-conn-${pairs.size}`, category: ["network"], type: ["start", "connection"], action: "connection_accepted" },
      host: { id: target.id, name: target.name, ip: [target.ip], os: { type: "windows", family: "windows" } },
      network: { direction: "ingress", transport: "tcp" },
      process: { pid: 4, name: "System" },
      source: { ip: hosts[s].ip, port: 50000 + (pairs.size % 10000) },
      destination: { ip: target.ip, port: 5985 },
    });
  }
  await ingest(docs);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);

  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await page.setViewportSize({ width: 1920, height: 1080 });
  await signIn(page, analyst.email, analyst.password);
  const q = new URLSearchParams({ from: new Date(at - 60_000).toISOString(), to: new Date(at + 3 * 3600_000).toISOString() });
  const t0 = Date.now();
  const answered = page.waitForResponse((r) => r.url().includes("/api/v1/movement?"));
  await page.goto(`/movement?${q}`);
  await (await answered).finished();
  const tApi = Date.now() - t0;
  await graph(page).locator(".react-flow__node").first().waitFor();
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  const tGraph = Date.now() - t0;
  console.log(`/movement, 200 hosts / 2,000 drawn edges: API answered ${tApi} ms after navigation, graph painted at ${tGraph} ms (layout and drawing ${tGraph - tApi} ms)`);
  const note = page.getByTestId("movement-truncated");
  await note.waitFor();
  await expect(note.textContent()).resolves.toMatch(/2000 of 2\d\d\d edges/);
  await expect(page.getByTestId("movement-counts").textContent()).resolves.toMatch(/\b200 hosts\b/);
  // Dense: counts are drawn only where the pointer is; every node still carries its name.
  expect(await graph(page).locator(".react-flow__edge-textwrapper").count()).toBe(0);
  // Hovered once the view has stopped fitting itself to the graph (a hover during that move can
  // miss the node as it slides away).
  const viewport = graph(page).locator(".react-flow__viewport");
  let before = "";
  await expect
    .poll(async () => {
      const now = (await viewport.getAttribute("style")) ?? "";
      const settled = now === before;
      before = now;
      return settled;
    }, { interval: 200, timeout: 10_000 })
    .toBe(true);
  await graph(page).locator(".react-flow__node").first().hover();
  await expect.poll(() => graph(page).locator(".react-flow__edge-textwrapper").count()).toBeGreaterThan(0);
  await expect(page.getByTestId("graph-sparse").textContent()).resolves.toMatch(/^\d+ of 2000 edges drawn: those that placed the hosts/);
  // One per host reached at least (the edges appear just after the nodes), far fewer than 2,000.
  await expect.poll(() => graph(page).locator(".react-flow__edge").count()).toBeGreaterThanOrEqual(150);
  expect(await graph(page).locator(".react-flow__edge").count()).toBeLessThan(400);
  await screenshot(page, "movement-200-hosts");
  // Finding one host rings it and zooms to it: its name is readable at the new zoom.
  await page.getByLabel("Find a host or address").fill("BIG-117");
  await page.getByRole("button", { name: "Find" }).click();
  await expect(page.getByTestId("graph-found").textContent()).resolves.toBe("1 found");
  const found = graph(page).getByTestId("rf__node-host:big-117");
  await expect.poll(async () => (await found.boundingBox())?.width ?? 0).toBeGreaterThan(120);
  await screenshot(page, "movement-200-hosts-found");
  await page.getByRole("button", { name: "Draw all edges" }).click();
  await expect(page.getByTestId("graph-sparse").textContent()).resolves.toMatch(/^All 2000 edges drawn/);
  expect(problems).toEqual([]);
  await page.context().close();
}, 180_000);
