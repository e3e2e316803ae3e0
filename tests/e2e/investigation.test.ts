import { beforeAll, expect, test } from "vitest";
import { db, pool } from "@/lib/db/client";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { ATTACKER, captureEvents, processStart, T0, winrmConnection, WKS1 } from "../integration/investigation-fixture";

const IMG = "<img src=x onerror=alert(1)>";
const SCRIPT = "<script>alert(1)</script>";
const XSS_HOST = { id: "host-xss", name: IMG };

const e2e = useAppAndBrowser();
let admin: { email: string; password: string };
const windowQuery = new URLSearchParams({ from: new Date(T0 - 600_000).toISOString(), to: new Date(T0 + 600_000).toISOString() }).toString();

beforeAll(async () => {
  const ingest = await e2e.app.apiKey("ingest");
  const events = [
    ...captureEvents(),
    winrmConnection("xss-conn", 1800, XSS_HOST.id, XSS_HOST.name, "10.0.0.66"),
    processStart("xss-wsm", 1802, XSS_HOST, { name: "wsmprovhost.exe", pid: 700, ppid: 600, parent: SCRIPT, commandLine: "wsmprovhost.exe -Embedding" }),
    processStart("xss-child", 1805, XSS_HOST, { name: IMG, pid: 701, ppid: 700, parent: "wsmprovhost.exe", commandLine: `cmd.exe /c echo ${SCRIPT} ${IMG}` }),
  ];
  const res = await fetch(`${e2e.app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingest}`, "content-type": "application/x-ndjson" },
    body: events.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect((await res.json()).accepted).toBe(events.length);
  const seq = Number((await pool().query(`select seq from events where event_id = 'proc-whoami'`)).rows[0].seq);
  const rule = loadRulePack().rules[0];
  await db().alert.create({
    data: {
      id: "e2e-alert-1", ruleId: rule.ruleId, ruleName: rule.name, ruleVersion: rule.version, severity: rule.severity, riskScore: rule.riskScore,
      reason: "whoami.exe by wsmprovhost.exe", hostId: WKS1.id, hostName: WKS1.name, sourceIp: ATTACKER, processName: "whoami.exe",
      firstEventAt: new Date(T0), lastEventAt: new Date(T0 + 5000),
      events: [{ id: seq, eventId: "proc-whoami", timestamp: new Date(T0 + 5000).toISOString(), category: ["process"] }],
      stages: [{ stage: 1, category: "process", event: { id: seq, eventId: "proc-whoami", timestamp: new Date(T0 + 5000).toISOString(), category: ["process"] }, fields: { processPid: 4100 }, enrichments: [], doc: {} }],
    },
  });
  admin = await e2e.app.user("admin");
});

test("host page: the process tree expands, collapses, and shows a selected process's command line", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto(`/hosts/${WKS1.id}?${windowQuery}`);
  const tree = page.getByRole("tree", { name: "Process tree" });
  await tree.waitFor();
  for (const name of ["svchost.exe", "wsmprovhost.exe", "whoami.exe", "net.exe", "conhost.exe"]) {
    await expect(tree.getByText(name, { exact: true }).first().isVisible()).resolves.toBe(true);
  }
  expect(await page.locator('[data-inferred-edge="true"]').count()).toBeGreaterThanOrEqual(3);
  await expect(page.getByLabel("Legend").textContent()).resolves.toMatch(/inferred/);

  await page.getByRole("button", { name: "Collapse wsmprovhost.exe" }).click();
  expect(await tree.getByText("whoami.exe", { exact: true }).count()).toBe(0);
  await page.getByRole("button", { name: "Expand wsmprovhost.exe" }).click();
  await tree.getByText("whoami.exe", { exact: true }).waitFor();

  await tree.getByText("net.exe", { exact: true }).click();
  await expect(page.getByTestId("details-command-line").textContent()).resolves.toBe('net.exe group "Domain Admins" /domain');
  await expect(page.getByTestId("details-raw").textContent()).resolves.toContain('"proc-net"');
  await screenshot(page, "process-tree");

  await page.getByRole("button", { name: "Collapse all" }).click();
  expect(await tree.getByText("wsmprovhost.exe", { exact: true }).count()).toBe(0);
  expect(problems).toEqual([]);
});

test("IP page: one lane per host, first/last seen and the hosts touched", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  const q = new URLSearchParams({ from: new Date(T0 - 3600_000).toISOString(), to: new Date(T0 + 3 * 3600_000).toISOString() });
  await page.goto(`/ips/${ATTACKER}?${q}`);
  const chart = page.getByTestId("ip-activity-chart");
  await chart.locator(".recharts-scatter-symbol").first().waitFor();
  expect(await chart.locator(".recharts-scatter-symbol").count()).toBe(6); // 5 connections + 1 alert
  const table = page.getByRole("table");
  for (const host of ["WKS-01", "SRV-02", "DC-01"]) await expect(table.getByRole("link", { name: host }).isVisible()).resolves.toBe(true);
  await expect(table.getByText(IMG, { exact: true }).isVisible()).resolves.toBe(true); // hostile host name, as text
  await expect(page.getByText("2026-11-20 10:00:00Z").first().isVisible()).resolves.toBe(true);
  await screenshot(page, "ip-timeline");
  expect(problems).toEqual([]);
});

test("hostile process names, command lines and host names render literally and run nothing", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  const q = new URLSearchParams({ from: new Date(T0).toISOString(), to: new Date(T0 + 3600_000).toISOString() });
  await page.goto(`/hosts/${XSS_HOST.id}?${q}`);
  const tree = page.getByRole("tree", { name: "Process tree" });
  await tree.waitFor();
  await expect(tree.getByText(IMG, { exact: true }).isVisible()).resolves.toBe(true);
  await expect(tree.getByText(SCRIPT, { exact: true }).isVisible()).resolves.toBe(true);
  await tree.getByText(IMG, { exact: true }).click();
  await expect(page.getByTestId("details-command-line").textContent()).resolves.toBe(`cmd.exe /c echo ${SCRIPT} ${IMG}`);
  await expect(page.getByRole("heading", { name: `Host ${IMG}` }).isVisible()).resolves.toBe(true);
  expect(await page.locator("main img").count()).toBe(0);
  expect(await page.locator("main script").count()).toBe(0);
  await screenshot(page, "process-tree-xss");
  expect(problems).toEqual([]);
});

test("rules page: both rules, worker status, admin toggles a rule; the rule page renders its guide", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/rules");
  const rules = loadRulePack().rules;
  for (const r of rules) await expect(page.getByRole("link", { name: r.name }).isVisible()).resolves.toBe(true);
  await expect(page.getByTestId("worker-status").textContent()).resolves.toMatch(/Detection worker/);
  const toggle = page.getByRole("switch", { name: `Enabled: ${rules[1].name}` });
  expect(await toggle.getAttribute("aria-checked")).toBe("true");
  await toggle.click();
  await page.waitForFunction((name) => document.querySelector(`[aria-label="Enabled: ${name}"]`)?.getAttribute("aria-checked") === "false", rules[1].name);
  expect((await db().ruleState.findUnique({ where: { ruleId: rules[1].ruleId } }))?.enabled).toBe(false);
  await screenshot(page, "rules");

  await page.getByRole("link", { name: rules[0].name }).click();
  await page.getByTestId("investigation-guide").waitFor();
  await expect(page.getByTestId("rule-query").textContent()).resolves.toContain("sequence");
  expect(await page.getByTestId("investigation-guide").locator("h3, h4").count()).toBeGreaterThan(0);
  await expect(page.getByRole("link", { name: /Lateral Movement/ }).first().isVisible()).resolves.toBe(true);
  await screenshot(page, "rule-detail");
  expect(problems).toEqual([]);
});

test("overview page: counts, charts and top lists", async () => {
  const now = Date.now();
  const base = { ruleVersion: 1, severity: "medium", riskScore: 47, reason: "x", firstEventAt: new Date(now), lastEventAt: new Date(now), events: [], stages: [] };
  const [r0, r1] = loadRulePack().rules;
  await db().alert.createMany({
    data: Array.from({ length: 12 }, (_, i) => ({
      ...base,
      id: `ov-e2e-${i}`,
      ruleId: (i % 3 ? r0 : r1).ruleId,
      ruleName: (i % 3 ? r0 : r1).name,
      hostId: `ov-host-${i % 4}`,
      hostName: `SRV-${i % 4}`,
      sourceIp: `192.0.2.${i % 2}`,
      createdAt: new Date(now - i * 12 * 3600_000),
      status: i % 5 === 0 ? "closed" : "open",
      closedAt: i % 5 === 0 ? new Date(now - i * 12 * 3600_000 + 1800_000) : null,
    })),
  });
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/overview");
  await expect(page.getByTestId("tile-total").textContent()).resolves.toContain("13");
  await expect(page.getByTestId("tile-mttc").textContent()).resolves.toContain("30 min");
  expect(await page.getByTestId("stacked-time-chart").count()).toBe(2);
  await page.locator(".recharts-bar-rectangle").first().waitFor();
  await expect(page.getByRole("region", { name: "Top source IPs" }).getByRole("link", { name: "192.0.2.0" }).isVisible()).resolves.toBe(true);
  await screenshot(page, "overview");
  expect(problems).toEqual([]);
});

test("alert page: the tree spans the page, every process with an alert is badged and linked, and it is a keyboard tree", async () => {
  const netSeq = Number((await pool().query(`select seq from events where event_id = 'proc-net'`)).rows[0].seq);
  const rule = loadRulePack().rules[0];
  await db().alert.upsert({
    where: { id: "e2e-alert-net" },
    update: {},
    create: {
      id: "e2e-alert-net", ruleId: rule.ruleId, ruleName: rule.name, ruleVersion: rule.version, severity: rule.severity, riskScore: rule.riskScore,
      reason: "net.exe by wsmprovhost.exe", hostId: WKS1.id, hostName: WKS1.name, sourceIp: ATTACKER, processName: "net.exe",
      firstEventAt: new Date(T0 + 15_000), lastEventAt: new Date(T0 + 20_000),
      events: [{ id: netSeq, eventId: "proc-net", timestamp: new Date(T0 + 20_000).toISOString(), category: ["process"] }],
      stages: [],
    },
  });
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/alerts/e2e-alert-1");
  const tree = page.getByRole("tree", { name: "Process tree" });
  await page.locator("[data-tree-ready]").waitFor();
  // Full width: the tree's card starts at the page's left edge and the section spans the page.
  const section = (await page.getByRole("region", { name: "Process tree", exact: true }).boundingBox())!;
  expect(section.width).toBeGreaterThan(1180);
  const whoami = tree.getByRole("treeitem", { name: /whoami\.exe\s*pid 4100/ });
  await expect(whoami.locator("[data-alert-badge]").first().textContent()).resolves.toBe("this alert");
  const net = tree.getByRole("treeitem", { name: /net\.exe\s*pid 4200/ });
  await expect(net.getByRole("link", { name: "alert" }).getAttribute("href")).resolves.toBe("/alerts/e2e-alert-net");
  expect(await tree.locator("[data-alert-badge]").count()).toBe(2); // nothing else is badged

  // Keyboard: arrows move (roving tab stop), Left goes to the parent and closes it, Right opens and enters, Enter selects.
  await whoami.focus();
  const active = () => page.evaluate(() => document.activeElement?.querySelector("[data-row]")?.textContent ?? "");
  // Left on an open node closes it first; on a closed or childless one it goes to the parent.
  for (let i = 0; i < 2 && !/^wsmprovhost\.exe/.test(await active()); i++) await page.keyboard.press("ArrowLeft");
  expect(await active()).toMatch(/^wsmprovhost\.exe/);
  await page.keyboard.press("ArrowLeft"); // collapse it
  expect(await tree.getByRole("treeitem", { name: /wsmprovhost\.exe\s*pid/ }).getAttribute("aria-expanded")).toBe("false");
  expect(await tree.getByRole("treeitem", { name: /whoami\.exe\s*pid/ }).count()).toBe(0);
  await page.keyboard.press("ArrowRight"); // expand again
  await page.keyboard.press("ArrowRight"); // first child
  await page.keyboard.press("ArrowDown");
  const name = (await active()).match(/^.+?\.exe/)![0];
  await page.keyboard.press("Enter");
  await expect(page.getByRole("complementary", { name: "Selected process" }).getByRole("heading").textContent()).resolves.toBe(name);
  await page.keyboard.press("Home");
  expect(await active()).toBe(await tree.getByRole("treeitem").first().locator("[data-row]").first().textContent());
  await screenshot(page, "alert-tree-badges");

  // The source-IP chart (±24 h): dates on the time axis, a title on every mark.
  const chart = page.getByTestId("ip-activity-chart");
  await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  await chart.locator(".recharts-scatter-symbol").first().waitFor();
  const ticks = (await chart.locator("svg text").allTextContents()).filter((t) => /\d\d:\d\d$/.test(t));
  expect(ticks.length).toBeGreaterThan(2);
  for (const t of ticks) expect(t).toMatch(/^\d\d-\d\d \d\d:\d\d$/);
  const marks = await chart.locator(".recharts-scatter-symbol").count();
  expect(await chart.locator(".recharts-scatter-symbol title").count()).toBe(marks);
  expect(problems).toEqual([]);
});
