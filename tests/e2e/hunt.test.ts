import fs from "node:fs";
import pg from "pg";
import { beforeAll, expect, test } from "vitest";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { childEvent, winrmPair } from "@/tests/helpers/fixtures/winrm-events";

/** The hunt page in Chromium: the editor's live errors, results, links, histogram, export, saved hunts, Cancel, "hunt around this". */
const e2e = useAppAndBrowser();
const IMG = "<img src=x onerror=alert(1)>";
let viewer: { email: string; password: string };
let admin: { email: string; password: string };
const FROM = "2026-11-20T09:00:00.000Z";
const TO = "2026-11-20T13:00:00.000Z";
const PS_RULE = loadRulePack().rules.find((r) => r.query.includes("wsmprovhost"))!;

beforeAll(async () => {
  const ingest = await e2e.app.apiKey("ingest");
  const events = [
    ...winrmPair({ host: "HUNT-01", sourceIp: "10.13.37.5", at: "2026-11-20T10:00:00Z", child: "whoami.exe" }),
    ...winrmPair({ host: "HUNT-02", sourceIp: "10.13.37.5", at: "2026-11-20T10:30:00Z", child: IMG }),
    childEvent({ host: "HUNT-01", at: "2026-11-20T11:00:00Z", child: "net.exe", parent: "winrshost.exe" }),
  ];
  const res = await fetch(`${e2e.app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingest}`, "content-type": "application/x-ndjson" },
    body: events.map((e) => JSON.stringify(e)).join("\n"),
  });
  expect((await res.json()).accepted).toBe(events.length);
  await runOnce(loadRulePack().rules, { workerId: "e2e-hunt" }, () => false);
  [viewer, admin] = [await e2e.app.user("viewer"), await e2e.app.user("admin")];
});

test("the editor shows errors at line and column as you type; a sequence hunt shows one row per sequence with its links, and a histogram", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, viewer.email, viewer.password);
  await page.goto(`/hunt?from=${FROM}&to=${TO}`);
  const editor = page.getByLabel(/EQL query/);
  const status = page.getByTestId("query-status");
  await editor.fill('process where\n  process.name ==');
  await expect.poll(() => status.textContent()).toMatch(/Line 2, column 18:/);
  await editor.fill('network where destination.port == "x"');
  await expect.poll(() => status.textContent()).toMatch(/Line 1, column 32: .*destination\.port/);
  expect(await page.getByRole("button", { name: "Run hunt" }).isEnabled()).toBe(true);
  await editor.fill(PS_RULE.query);
  await expect.poll(() => status.textContent()).toBe("Valid EQL");

  await page.getByRole("button", { name: "Run hunt" }).click();
  await expect.poll(() => page.getByTestId("hunt-summary").textContent()).toBe("2 sequences");
  const table = page.getByRole("table", { name: "Hunt results" });
  expect(await table.locator("tbody tr").count()).toBe(2);
  const first = table.locator("tbody tr").first();
  await expect(first.textContent()).resolves.toContain("whoami.exe");
  expect(await first.getByRole("link", { name: "host" }).count()).toBe(2);
  expect(await first.getByRole("link", { name: "process tree" }).count()).toBe(2);
  expect(await first.getByRole("link", { name: "alert" }).count()).toBe(1);
  await page.getByTestId("hunt-histogram").locator(".recharts-bar-rectangle").first().waitFor();
  // Attacker-controlled names are text.
  await expect(table.locator("tbody tr").nth(1).textContent()).resolves.toContain(IMG);
  expect(await page.locator("img[src=x]").count()).toBe(0);

  // Any field as a column.
  await page.getByLabel(/Columns/).fill("destination.port, process.executable");
  await expect(first.textContent()).resolves.toContain("5985");
  await screenshot(page, "hunt");

  await first.getByRole("link", { name: "alert" }).click();
  await page.waitForURL(/\/alerts\//);
  await page.getByTestId("alert-header").waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
});

test("export: CSV and NDJSON downloads of the results", async () => {
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, viewer.email, viewer.password);
  await page.goto(`/hunt?from=${FROM}&to=${TO}&query=${encodeURIComponent('process where process.name : "net.exe"')}`);
  await page.getByRole("button", { name: "Run hunt" }).click();
  await expect.poll(() => page.getByTestId("hunt-summary").textContent()).toBe("1 event");
  const [csv] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export CSV" }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^hunt-.*\.csv$/);
  const text = fs.readFileSync((await csv.path())!, "utf8");
  expect(text.split("\r\n")[0]).toMatch(/^match,stage,id,host\.name,/);
  expect(text).toContain("net.exe /all");
  const [ndjson] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export NDJSON" }).click()]);
  const lines = fs.readFileSync((await ndjson.path())!, "utf8").trim().split("\n");
  expect(JSON.parse(lines[0]).process.name).toBe("net.exe");
  await page.context().close();
});

test("Cancel stops a running hunt and shows what it had found", async () => {
  const { page } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, viewer.email, viewer.password);
  await page.goto(`/hunt?from=${FROM}&to=${TO}&query=${encodeURIComponent("any where true")}`);
  const lock = new pg.Client({ connectionString: e2e.app.db.url });
  await lock.connect();
  await lock.query("BEGIN");
  await lock.query("LOCK TABLE events IN ACCESS EXCLUSIVE MODE");
  try {
    await page.getByRole("button", { name: "Run hunt" }).click();
    await expect.poll(() => page.getByTestId("hunt-progress").textContent()).toMatch(/Running… 0 events scanned/);
    await page.getByRole("button", { name: "Cancel" }).click();
    await page.getByText("Cancelled: the results found until then").waitFor();
  } finally {
    await lock.query("ROLLBACK");
    await lock.end();
  }
  await page.context().close();
});

test("hunt around this: from the alert page, the same host ± 1 h runs at once; a saved hunt becomes a rule for an admin", async () => {
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  const alerts = await (await fetch(`${e2e.app.url}/api/v1/alerts?status=all`, { headers: { authorization: `ApiKey ${await e2e.app.apiKey("read")}` } })).json();
  const alert = alerts.alerts.find((a: { host: { name: string } }) => a.host.name === "HUNT-01");
  await page.goto(`/alerts/${alert.id}`);
  await page.getByRole("link", { name: "same host ± 1 h" }).click();
  await page.waitForURL(/\/hunt\?/);
  await expect.poll(() => page.getByTestId("hunt-summary").textContent()).toBe("3 events");
  expect(new URL(page.url()).searchParams.get("hostId")).toBe("id-hunt-01");

  await page.getByLabel("Save this hunt as").fill("Around HUNT-01");
  await page.getByLabel("Shared with everyone").check();
  await page.getByRole("button", { name: "Save", exact: true }).click();
  const saved = page.getByRole("complementary", { name: "Saved hunts" });
  await saved.getByRole("button", { name: "Around HUNT-01", exact: true }).waitFor();
  await saved.getByRole("button", { name: "Make detection rule…" }).click();
  await saved.getByLabel("Severity").selectOption("high");
  await saved.getByRole("button", { name: "Create rule" }).click();
  await saved.getByText(/rule · high · 47 · every 5m/).waitFor();
  expect(problems).toEqual([]);
  await page.context().close();
});
