import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { insertAlerts } from "@/tests/helpers/fixtures/alerts";

const e2e = useAppAndBrowser();

test("an analyst creates an entry with the live preview, toggles it, reads its history and deletes it", async () => {
  await insertAlerts([
    { sourceIp: "10.9.8.7", hostId: "h-1", hostName: "FIN-01" },
    { sourceIp: "10.9.8.7", hostId: "h-2", hostName: "FIN-02", userName: "<img src=x onerror=alert(1)>" },
    { sourceIp: "10.9.9.9", hostId: "h-3", hostName: "HR-01" },
  ]);
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);

  await page.goto("/allowlists/new");
  await page.getByLabel("Name", { exact: true }).fill("Backup server");
  await page.getByLabel("Condition 1 field").fill("source.ip");
  await page.getByLabel("Condition 1 operator").selectOption("cidr");
  await page.getByLabel("Condition 1 values").fill("10.9.8.0/24");
  const open = page.getByTestId("preview-open");
  await expect.poll(() => open.textContent(), { timeout: 15_000 }).toBe("2");
  await expect.poll(() => page.getByRole("region", { name: "Preview" }).textContent()).toContain("FIN-02");

  // A malformed range shows the validation message instead of counts.
  await page.getByLabel("Condition 1 values").fill("10.9.8.0/40");
  await expect.poll(() => page.getByRole("region", { name: "Preview" }).getByRole("alert").textContent(), { timeout: 15_000 }).toMatch(/not a valid CIDR range/);
  await page.getByLabel("Condition 1 values").fill("10.9.8.0/24");
  await expect.poll(() => open.textContent(), { timeout: 15_000 }).toBe("2");
  await screenshot(page, "allowlist-new");
  await page.getByRole("button", { name: "Create entry" }).click();
  await page.waitForURL(/\/allowlists\?saved=/);

  const table = page.getByRole("table", { name: "Allowlist entries" });
  await expect.poll(() => table.textContent()).toContain("Backup server");
  expect(await table.textContent()).toContain("source.ip is in CIDR 10.9.8.0/24");
  // Not closed: the box was unchecked when starting from scratch.
  expect(await db().alert.count({ where: { status: "closed" } })).toBe(0);

  const toggle = page.getByRole("switch", { name: "Enabled: Backup server" });
  expect(await toggle.getAttribute("aria-checked")).toBe("true");
  await toggle.click();
  await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("false");

  await page.getByRole("button", { name: "History of Backup server" }).click();
  const history = page.getByRole("list", { name: "Change history" });
  await expect.poll(() => history.textContent()).toMatch(/Disabled.*Created/);
  await screenshot(page, "allowlists");

  await page.getByRole("button", { name: "Delete Backup server" }).click();
  const dialog = page.getByRole("dialog");
  expect(await dialog.textContent()).toContain("Backup server");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  expect(await table.textContent()).toContain("Backup server");
  await page.getByRole("button", { name: "Delete Backup server" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete entry" }).click();
  await expect.poll(() => page.getByText("No allowlist entries").count()).toBe(1);
  const row = await db().allowlistEntry.findFirst({ where: { name: "Backup server" } });
  expect(row!.deletedAt).not.toBeNull();
  expect(problems).toEqual([]);
});

test("creating from an alert prefills its values, previews the count and closes the matching alerts", async () => {
  const [alert, sibling, other] = await insertAlerts([
    { sourceIp: "172.16.4.4", hostId: "h-7", hostName: "SRV-07", userName: "svc_patch" },
    { sourceIp: "172.16.4.4", hostId: "h-8", hostName: "SRV-08" },
    { sourceIp: "172.16.4.5", hostId: "h-7", hostName: "SRV-07" },
  ]);
  const u = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto(`/allowlists/new?fromAlert=${alert.id}`);

  const from = page.getByRole("region", { name: "From alert" });
  expect(await from.getByRole("checkbox", { name: "Source IP (Connection (network event))" }).isChecked()).toBe(true);
  expect(await from.getByRole("checkbox", { name: "User (Child process (process event))" }).isChecked()).toBe(false);
  expect(await from.textContent()).toContain("svc_patch");
  expect(await page.getByLabel("Condition 1 field").inputValue()).toBe("source.ip");
  expect(await page.getByLabel("Condition 1 value").inputValue()).toBe("172.16.4.4");
  expect(await page.getByRole("checkbox", { name: "Close matching open alerts" }).isChecked()).toBe(true);
  await expect.poll(() => page.getByTestId("preview-open").textContent(), { timeout: 15_000 }).toBe("2");

  // The user is on the process event, the source IP on the network event: together they match no event.
  await from.getByRole("checkbox", { name: "User (Child process (process event))" }).check();
  await expect.poll(() => page.getByTestId("preview-open").textContent(), { timeout: 15_000 }).toBe("0");
  expect(await from.getByRole("alert").textContent()).toContain("different events");
  await from.getByRole("checkbox", { name: "User (Child process (process event))" }).uncheck();
  await expect.poll(() => page.getByTestId("preview-open").textContent(), { timeout: 15_000 }).toBe("2");
  await screenshot(page, "allowlist-new-from-alert");

  await page.getByRole("button", { name: "Create entry" }).click();
  await page.waitForURL(/\/allowlists\?saved=/);
  await expect.poll(() => page.getByRole("status").textContent()).toContain("2 matching open alerts were closed");
  const rows = Object.fromEntries((await db().alert.findMany({ where: { id: { in: [alert.id, sibling.id, other.id] } } })).map((a) => [a.id, a]));
  expect(rows[alert.id]).toMatchObject({ status: "closed", closingReason: "allowlisted" });
  expect(rows[sibling.id]).toMatchObject({ status: "closed", closingReason: "allowlisted" });
  expect(rows[other.id].status).toBe("open");
  expect(problems).toEqual([]);
});

test("viewers see the table read-only", async () => {
  await db().allowlistEntry.create({
    data: { name: "Viewer sees this", conditions: [{ field: "user.name", operator: "is", values: ["svc_scan"] }], expiresAt: new Date(Date.now() + 2 * 86_400_000) },
  });
  const u = await e2e.app.user("viewer");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, u.email, u.password);
  await page.goto("/allowlists");
  const table = page.getByRole("table", { name: "Allowlist entries" });
  expect(await table.textContent()).toContain("Viewer sees this");
  expect(await table.textContent()).toMatch(/Expires in (1d 23h|2d)/);
  expect(await page.getByRole("switch", { name: "Enabled: Viewer sees this" }).isDisabled()).toBe(true);
  expect(await page.getByRole("link", { name: "New entry" }).count()).toBe(0);
  expect(await page.getByRole("button", { name: "Delete Viewer sees this" }).count()).toBe(0);
});
