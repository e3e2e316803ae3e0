import fs from "node:fs";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { beforeAll, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createAllowlistEntry } from "@/lib/allowlist/create-allowlist-entry";
import { db, pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { insertAlerts, RULE_IDS } from "@/tests/helpers/fixtures/alerts";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { ATTACKER, captureEvents, WKS1 } from "../integration/investigation-fixture";

/**
 * Every page: no serious or critical axe-core violation (light and dark), not-found and error pages
 * in the app's theme with a way back, themes (system preference, a per-user choice), a favicon, and
 * the rules pages' numbers.
 */
const e2e = useAppAndBrowser();
const AXE = fs.readFileSync(path.join(process.cwd(), "node_modules/axe-core/axe.min.js"), "utf8");
let admin: { email: string; password: string };
let alertId: string;
let entryId: string;
let incidentId: string;

beforeAll(async () => {
  const ingest = await e2e.app.apiKey("ingest");
  const events = captureEvents();
  const res = await fetch(`${e2e.app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingest}`, "content-type": "application/x-ndjson" },
    body: events.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect((await res.json()).accepted).toBe(events.length);
  // A detected alert (WKS-PAGES reached from SRV-PAGES' address), grouped into an incident by the worker.
  const pair = [
    { "@timestamp": "2026-11-20T09:30:00Z", event: { id: "pages-owner", category: ["process"], type: ["start"] }, host: { id: "id-srv-pages", name: "SRV-PAGES", ip: ["10.66.0.2"] }, process: { pid: 9, name: "svchost.exe" } },
    ...winrmPair({ host: "WKS-PAGES", sourceIp: "10.66.0.2", at: "2026-11-20T10:00:00Z" }),
  ];
  const sent = await fetch(`${e2e.app.url}/api/v1/events`, { method: "POST", headers: { authorization: `ApiKey ${ingest}` }, body: pair.map((e) => JSON.stringify(e)).join("\n") });
  expect((await sent.json()).accepted).toBe(pair.length);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
  incidentId = (await pool().query(`SELECT incident_id FROM alerts WHERE host_name = 'WKS-PAGES'`)).rows[0].incident_id;
  expect(incidentId).toBeTruthy();
  const rows = await insertAlerts([
    { hostId: WKS1.id, hostName: WKS1.name, sourceIp: ATTACKER, firstEventAt: new Date(Date.now() - 60_000) },
    { hostId: "pages-h", hostName: "PAGES-1", status: "closed", closingReason: "false_positive" },
    { hostId: "pages-h", hostName: "PAGES-1", status: "closed", closingReason: "allowlisted" },
    { hostId: "pages-h", hostName: "PAGES-1", status: "closed", closingReason: "allowlisted" },
    { hostId: "pages-h", hostName: "PAGES-1", status: "closed", closingReason: "benign" },
  ]);
  alertId = rows[0].id!;
  entryId = (await createAllowlistEntry({ name: "Pages entry", ruleId: null, conditions: [{ field: "source.ip", operator: "is", values: ["10.99.0.1"] }] }, { actor: systemActor("test") })).entry.id;
  admin = await e2e.app.user("admin");
});

/** The L of the body's background (Chromium answers lab() or oklch()): < 25 is dark, > 90 light. */
const bodyLightness = (page: Page) =>
  page.evaluate(() => {
    const bg = getComputedStyle(document.body).backgroundColor;
    const m = /^(lab|oklch)\(([\d.]+)/.exec(bg);
    return m ? Number(m[2]) * (m[1] === "oklch" && Number(m[2]) <= 1 ? 100 : 1) : NaN;
  });

async function signedIn(browser: Browser, colorScheme: "light" | "dark", who = admin) {
  const context = await browser.newContext({ baseURL: e2e.app.url, viewport: { width: 1280, height: 800 }, colorScheme, bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (e) => problems.push(e.message));
  await signIn(page, who.email, who.password);
  return { page, problems };
}

async function axe(page: Page) {
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe.run(document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
  return result.filter((v) => v.impact === "serious" || v.impact === "critical");
}

const PAGES = () => [
  "/alerts",
  "/alerts?groupBy=host",
  `/alerts/${alertId}`,
  `/hosts/${WKS1.id}?from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z`,
  `/ips/${ATTACKER}?from=2026-11-20T09:00:00Z&to=2026-11-20T13:00:00Z`,
  "/allowlists",
  "/allowlists/new",
  `/allowlists/new?fromAlert=${alertId}`,
  `/allowlists/${entryId}`,
  "/rules",
  `/rules/${RULE_IDS.powershell}`,
  "/overview",
  "/incidents",
  "/incidents?status=all&sort=size",
  `/incidents/${incidentId}`,
  "/movement?from=2026-11-20T09:00:00Z&to=2026-11-20T13:00:00Z",
  "/hunt",
  `/hunt?hostId=${WKS1.id}&from=2026-11-20T09:00:00Z&to=2026-11-20T11:00:00Z`,
  "/admin",
  "/admin/users",
  "/admin/api-keys",
  "/admin/notifications",
  "/admin/audit",
  "/no-such-page",
  "/alerts/no-such-alert",
];

for (const scheme of ["light", "dark"] as const) {
  test(`axe-core: no serious or critical violation on any page (${scheme})`, async () => {
    const { page, problems } = await signedIn(e2e.browser, scheme);
    const found: Record<string, unknown> = {};
    for (const p of PAGES()) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
      // Sections that load when scrolled to (the alert page's chart) are checked too.
      await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
      await page.waitForLoadState("networkidle");
      const v = await axe(page);
      if (v.length) found[p] = v;
    }
    const ctx = await e2e.browser.newContext({ baseURL: e2e.app.url, colorScheme: scheme, bypassCSP: true });
    const login = await ctx.newPage();
    await login.goto("/login");
    const v = await axe(login);
    if (v.length) found["/login"] = v;
    await ctx.close();
    if (Object.keys(found).length) fs.writeFileSync(path.join(process.cwd(), "test-results", `axe-${scheme}.json`), JSON.stringify(found, null, 2));
    expect(found).toEqual({});
    expect(problems).toEqual([]);
    await page.context().close();
  });
}

test("unknown alert, host and address: a not-found page in the app's theme with a way back; a favicon", async () => {
  const { page } = await signedIn(e2e.browser, "dark");
  for (const p of ["/alerts/no-such-alert", "/hosts/no-such-host", "/incidents/no-such-incident", "/no-such-page"]) {
    const res = await page.goto(p);
    expect(res!.status(), p).toBe(404);
    await page.getByRole("heading", { name: /not found/i }).waitFor();
    // The app's dark theme, not the framework's bare page.
    expect(await bodyLightness(page), p).toBeLessThan(25);
    await page.getByRole("link", { name: "Back to alerts" }).waitFor();
  }
  await screenshot(page, "not-found");
  await page.goto("/alerts/no-such-alert");
  expect(await page.getByRole("navigation", { name: "Main" }).count()).toBe(1); // inside the dashboard shell
  await page.getByRole("link", { name: "Back to alerts" }).click();
  await page.waitForURL(/\/alerts$/);

  const href = await page.locator('link[rel="icon"]').getAttribute("href");
  expect(href).toMatch(/favicon\.svg/);
  const icon = await page.request.get(new URL(href!, e2e.app.url).toString());
  expect(icon.status()).toBe(200);
  expect(icon.headers()["content-type"]).toContain("image/svg+xml");
  await page.context().close();
});

test("the theme follows the system preference until the user picks one, which follows the user", async () => {
  const u = await e2e.app.user("viewer");
  const bg = async (page: Page) => ((await bodyLightness(page)) < 25 ? "dark" : (await bodyLightness(page)) > 90 ? "light" : "other");
  const DARK = "dark";
  const LIGHT = "light";
  const light = await signedIn(e2e.browser, "light", u);
  const dark = await signedIn(e2e.browser, "dark", u);
  await light.page.goto("/alerts");
  await dark.page.goto("/alerts");
  expect(await bg(light.page)).toBe(LIGHT);
  expect(await bg(dark.page)).toBe(DARK);

  await light.page.getByRole("button", { name: /User menu/ }).click();
  await light.page.getByRole("menuitem", { name: /Dark theme/ }).click();
  expect(await bg(light.page)).toBe(DARK);
  await expect.poll(async () => (await db().user.findUnique({ where: { email: u.email } }))!.theme).toBe("dark");
  // Another browser of the same user, whose system prefers light: the user's choice wins.
  const other = await signedIn(e2e.browser, "light", u);
  await other.page.goto("/rules");
  expect(await bg(other.page)).toBe(DARK);
  await screenshot(other.page, "theme-dark-by-choice");
  await other.page.getByRole("button", { name: /User menu/ }).click();
  await Promise.all([other.page.waitForResponse((r) => r.url().endsWith("/api/v1/me") && r.ok()), other.page.getByRole("menuitem", { name: /System theme/ }).click()]);
  await other.page.reload();
  expect(await bg(other.page)).toBe(LIGHT);
  for (const p of [light, dark, other]) await p.page.context().close();
});

test("rules pages: the false-positive rate counts allowlisted closes, shown apart; the look-back is the original rule's", async () => {
  const { page } = await signedIn(e2e.browser, "dark");
  await page.goto("/rules");
  const row = page.locator(`tr[data-rule-id="${RULE_IDS.powershell}"]`);
  // closed: 1 false positive, 2 allowlisted, 1 benign (+ none of the open one)
  await expect(row.getByTestId("fp-breakdown").textContent()).resolves.toBe("1 marked + 2 allowlisted of 4 closed");
  await expect(row.textContent()).resolves.toContain("75%");
  await page.goto(`/rules/${RULE_IDS.powershell}`);
  const schedule = await page.getByTestId("rule-schedule").textContent();
  expect(schedule).toMatch(/Original rule: every 5m over events of the last now-9m/);
  expect(schedule).toContain("ingest order");
  await expect(page.getByTestId("fp-breakdown").textContent()).resolves.toBe("75% (1 marked false positive + 2 allowlisted, of 4 closed)");
  await screenshot(page, "rule-page");
  await page.context().close();
});
