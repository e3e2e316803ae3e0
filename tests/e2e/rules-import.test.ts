import fs from "node:fs";
import path from "node:path";
import { expect, test } from "vitest";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";

/** An admin imports rule files (detection-rules format) on the Rules page, reads each outcome, and enables one. */
const e2e = useAppAndBrowser();
const DIR = path.resolve(process.cwd(), "tests/fixtures/rules");
const file = (name: string, as = name) => ({ name: as, mimeType: "application/toml", buffer: fs.readFileSync(path.join(DIR, name)) });
const HOSTILE = `<img src=x onerror=alert(1)>.toml`;

test("an admin uploads rule files: each file's outcome, the refused one with its reason; the imported rule is listed disabled and can be enabled", async () => {
  const admin = await e2e.app.user("admin");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  await page.goto("/rules");
  const form = page.getByRole("form", { name: "Import Elastic detection rules" });
  await form.getByLabel("Rule files").setInputFiles([
    file("rdp_client_drive_execution.toml"),
    file("refused_cross_host_sequence.toml", HOSTILE),
  ]);
  await form.getByRole("button", { name: "Import 2 files" }).click();
  const results = form.getByRole("list", { name: "Import results" });
  await results.waitFor();
  const imported = results.getByRole("listitem").filter({ hasText: "rdp_client_drive_execution.toml" });
  expect(await imported.getAttribute("data-status")).toBe("imported");
  const refused = results.getByRole("listitem").filter({ hasText: HOSTILE }); // the file name renders as text
  expect(await refused.getAttribute("data-status")).toBe("refused");
  await refused.getByText(/joins events by source\.ip/).waitFor();
  expect(await page.locator("img[src=x]").count()).toBe(0);

  const row = page.locator('tr[data-rule-id="5b0c7e2a-31d4-4a8e-9f61-0d2c4e7a1b05"]');
  await row.getByText("imported", { exact: true }).waitFor();
  const toggle = row.getByRole("switch", { name: "Enabled: Program Run From an RDP Client Drive" });
  expect(await toggle.getAttribute("aria-checked")).toBe("false");
  await screenshot(page, "rules-import");
  await toggle.click();
  await row.getByRole("status").filter({ hasText: "Enabled" }).waitFor();
  await expect.poll(() => toggle.getAttribute("aria-checked")).toBe("true");
  expect(problems).toEqual([]);
  await page.context().close();
});

test("a viewer sees the rules but no import form", async () => {
  const viewer = await e2e.app.user("viewer");
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, viewer.email, viewer.password);
  await page.goto("/rules");
  await page.getByRole("heading", { name: "Rules" }).waitFor();
  expect(await page.getByRole("form", { name: "Import Elastic detection rules" }).count()).toBe(0);
  await page.context().close();
});
