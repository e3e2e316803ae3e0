import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { insertAlerts, stepsOf } from "@/tests/helpers/fixtures/alerts";

const e2e = useAppAndBrowser();

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const ago = (min: number) => new Date(Date.now() - min * 60_000);
const statusOf = async (id: string) => (await db().alert.findUnique({ where: { id } }))!.status;

test("filter, open an alert, tick checklist steps, close it as a false positive; it leaves the open view", async () => {
  const rows = await insertAlerts([
    { hostId: "e2e-h1", hostName: "FIN-DC01", processName: "whoami.exe", sourceIp: "10.1.1.10", severity: "high", riskScore: 73, createdAt: ago(5) },
    { hostId: "e2e-h1", hostName: "FIN-DC01", processName: "net.exe", commandLine: "net group \"domain admins\" /domain", sourceIp: "10.1.1.10", createdAt: ago(4) },
    { hostId: "e2e-h2", hostName: "HR-WKS07", processName: "ipconfig.exe", sourceIp: "10.1.1.11", rule: "winrs", createdAt: ago(3) },
    { hostId: "e2e-h3", hostName: "DEV-BOX", processName: "hostname.exe", status: "closed", closingReason: "benign", createdAt: ago(2) },
  ]);
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/alerts");
  const table = page.getByRole("table", { name: "Alerts" });
  await table.waitFor();
  expect(await table.locator("tbody tr").count()).toBe(3); // open by default
  await expect(page.getByRole("tab", { name: /Closed/ }).textContent()).resolves.toMatch(/1/);

  await page.getByLabel("Host", { exact: true }).fill("fin-dc01");
  await page.getByLabel("Host", { exact: true }).press("Enter");
  await page.waitForURL(/host=fin-dc01/);
  await poll(() => table.locator("tbody tr").count()).toBe(2);
  await screenshot(page, "alerts-list");

  const target = rows[1];
  await page.locator(`tr[data-row-id="${target.id}"]`).getByRole("link", { name: /net\.exe/ }).click();
  await page.waitForURL(new RegExp(`/alerts/${target.id}$`));
  await page.getByRole("heading", { name: "Incoming Execution via PowerShell Remoting" }).waitFor();
  const steps = stepsOf();
  for (const i of [1, 2]) {
    await page.getByLabel(`Step ${i} done`).check();
    await poll(async () => (await db().alert.findUnique({ where: { id: target.id } }))!.checklistDone).toBe(i);
  }
  await poll(() => page.getByRole("region", { name: "Triage checklist" }).textContent()).toContain(`2/${steps.length}`);
  await page.getByRole("button", { name: "Close as…" }).click();
  await page.getByRole("menuitem", { name: "False positive" }).click();
  await poll(() => statusOf(target.id)).toBe("closed");
  await page.getByRole("button", { name: "Reopen" }).waitFor();
  const activity = page.getByRole("region", { name: "Activity", exact: true });
  await poll(() => activity.textContent()).toMatch(/closed as False positive/);
  expect(await activity.textContent()).toContain(`ticked`);
  await screenshot(page, "alert-detail");

  await page.getByRole("link", { name: "Alerts", exact: true }).first().click();
  await page.waitForURL(/\/alerts$/);
  await table.waitFor();
  expect(await page.locator(`tr[data-row-id="${target.id}"]`).count()).toBe(0);
  expect(await table.locator("tbody tr").count()).toBe(2);
  await page.getByRole("tab", { name: /Closed/ }).click();
  await page.waitForURL(/status=closed/);
  await page.locator(`tr[data-row-id="${target.id}"]`).waitFor();
  expect(problems).toEqual([]);
});

test("keyboard: j/k move the focus, a acknowledges, x selects, ? shows the shortcuts", async () => {
  const rows = await insertAlerts([0, 1, 2].map((i) => ({ hostId: "kb-h", hostName: `KB-${i}`, createdAt: ago(10 - i), firstEventAt: ago(10 - i) })));
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/alerts?hostId=kb-h");
  const table = page.getByRole("table", { name: "Alerts" });
  await table.waitFor();
  const focusedId = () => page.locator("tr[data-focused]").getAttribute("data-row-id");
  // latest event first: rows[2], rows[1], rows[0]
  await page.keyboard.press("j");
  expect(await focusedId()).toBe(rows[2].id);
  await page.keyboard.press("j");
  await page.keyboard.press("j");
  expect(await focusedId()).toBe(rows[0].id);
  await page.keyboard.press("k");
  expect(await focusedId()).toBe(rows[1].id);
  await page.keyboard.press("x");
  await page.getByRole("region", { name: "Bulk actions" }).getByText("1 selected").waitFor();
  await page.keyboard.press("x");
  await page.keyboard.press("a");
  await poll(() => statusOf(rows[1].id!)).toBe("acknowledged");
  await poll(() => table.locator("tbody tr").count()).toBe(2);
  await page.keyboard.press("?");
  await page.getByRole("dialog", { name: "Keyboard shortcuts" }).waitFor();
  await page.keyboard.press("Escape");
  expect(problems).toEqual([]);
});

test("select all matching the filter and close them in bulk with a reason", async () => {
  await insertAlerts(Array.from({ length: 4 }, (_, i) => ({ hostId: "bulk-h", hostName: "BULK", createdAt: ago(20 + i) })));
  const u = await e2e.app.user("analyst");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/alerts?hostId=bulk-h&limit=2");
  await page.getByRole("table", { name: "Alerts" }).waitFor();
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Select all 4 matching this filter" }).click();
  await page.getByRole("button", { name: "Close 4…" }).click();
  await page.getByLabel("Duplicate").check();
  await page.getByRole("button", { name: "Close 4 alerts" }).click();
  await poll(async () => db().alert.count({ where: { hostId: "bulk-h", status: "closed", closingReason: "duplicate" } })).toBe(4);
});

test("a viewer sees alerts but no triage controls", async () => {
  const [row] = await insertAlerts([{ hostId: "view-h", hostName: "VIEW-1", createdAt: ago(1) }]);
  const u = await e2e.app.user("viewer");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/alerts?hostId=view-h");
  await page.locator(`tr[data-row-id="${row.id}"]`).waitFor();
  expect(await page.getByLabel("Select alert").count()).toBe(0);
  await page.goto(`/alerts/${row.id}`);
  await page.getByRole("region", { name: "Triage checklist" }).waitFor();
  expect(await page.getByRole("button", { name: "Acknowledge" }).count()).toBe(0);
  expect(await page.getByLabel("Step 1 done").isDisabled()).toBe(true);
});

test("attacker-controlled strings show literally and never run", async () => {
  const corpus = ["<img src=x onerror=alert(1)>", "<script>alert(1)</script>", "javascript:alert(1)", '"><svg onload=alert(1)>'];
  const rows = await insertAlerts(
    corpus.map((p, i) => ({ hostId: `xss-${i}`, hostName: p, processName: p, commandLine: p, userName: p, createdAt: ago(30 + i) })),
  );
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/alerts?q=alert(1)&hide=lastEvent");
  const table = page.getByRole("table", { name: "Alerts" });
  await poll(() => table.locator("tbody tr").count()).toBe(corpus.length);
  for (const p of corpus) expect(await table.getByText(p, { exact: true }).count()).toBeGreaterThanOrEqual(3); // host, user, process
  for (const row of rows) {
    await page.goto(`/alerts/${row.id}`);
    await page.getByTestId("alert-reason").waitFor();
    expect(await page.getByTestId("alert-reason").textContent()).toContain(row.processName);
    await page.getByRole("tab", { name: "JSON" }).click();
    await page.getByText(JSON.stringify(row.commandLine)).first().waitFor();
  }
  expect(await page.locator('img[src="x"], script:text("alert(1)"), svg[onload]').count()).toBe(0);
  const hrefs = await page.locator("a[href]").evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  expect(hrefs.filter((h) => /^\s*javascript:/i.test(h))).toEqual([]);
  // Every image has loaded or failed (an injected onerror would have run by the load event) and
  // the page has painted after hydration: what could run has run.
  await page.waitForLoadState("load");
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve()))));
  expect(problems).toEqual([]);
});
