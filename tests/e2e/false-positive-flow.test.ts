import { beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";

/**
 * The whole false-positive flow on real data: an admin's routine PowerShell remoting from a jump
 * host alerts on three servers; the analyst marks one as a false positive, creates the allowlist
 * entry offered in the same flow (preview shown), the other matching alerts close, and the admin's
 * next session raises no alert.
 */
const e2e = useAppAndBrowser();
let ingestKey: string;
const JUMP = "10.20.0.10";

async function ingestAndDetect(docs: unknown[]) {
  const res = await fetch(`${e2e.app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingestKey}` },
    body: docs.map((d) => JSON.stringify(d)).join("\n"),
  });
  expect((await res.json()).rejected).toBe(0);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
}

beforeAll(async () => {
  ingestKey = await e2e.app.apiKey("ingest");
  const t = Date.parse("2026-11-20T09:00:00Z");
  await ingestAndDetect(["SRV-A", "SRV-B", "SRV-C"].flatMap((host, i) => winrmPair({ host, sourceIp: JUMP, at: t + i * 600_000, child: "hostname.exe", user: "it-admin" })));
});

const openAlerts = async () => (await pool().query(`SELECT count(*)::int AS n FROM alerts WHERE status = 'open'`)).rows[0].n as number;

test("mark false positive → allowlist entry with preview → matching alerts closed → no alert for the next admin session", async () => {
  expect(await openAlerts()).toBe(3);
  const analyst = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);

  await page.goto("/alerts");
  await page.getByRole("link", { name: "SRV-A" }).first().waitFor();
  const { rows } = await pool().query(`SELECT id FROM alerts WHERE host_name = 'SRV-A'`);
  await page.goto(`/alerts/${rows[0].id}`);
  await page.getByRole("button", { name: "Close as…" }).click();
  await page.getByRole("menu", { name: "Close as" }).getByRole("menuitem", { name: /false positive/i }).click();
  const offer = page.getByRole("status", { name: "False positive follow-up" });
  await offer.waitFor();
  expect(await openAlerts()).toBe(2);
  const closed = await pool().query(`SELECT status, closing_reason FROM alerts WHERE id = $1`, [rows[0].id]);
  expect(closed.rows[0]).toEqual({ status: "closed", closing_reason: "false_positive" });

  await offer.getByRole("link", { name: "create an allowlist entry from it" }).click();
  await page.waitForURL(/\/allowlists\/new\?fromAlert=/);
  expect(await page.getByLabel("Condition 1 value").inputValue()).toBe(JUMP);
  await page.getByLabel("Name", { exact: true }).fill("Routine admin remoting from JUMP-01");
  await expect.poll(() => page.getByTestId("preview-open").textContent(), { timeout: 15_000 }).toBe("2");
  await screenshot(page, "false-positive-allowlist");
  await page.getByRole("button", { name: "Create entry" }).click();
  await page.waitForURL(/\/allowlists\?saved=/);
  expect(await openAlerts()).toBe(0);
  const reasons = (await pool().query(`SELECT closing_reason FROM alerts ORDER BY closing_reason`)).rows.map((r) => r.closing_reason);
  expect(reasons).toEqual(["allowlisted", "allowlisted", "false_positive"]);

  // The admin's next session from the jump host: ingested and evaluated, no new alert.
  await ingestAndDetect(winrmPair({ host: "SRV-D", sourceIp: JUMP, at: Date.parse("2026-11-21T09:00:00Z"), child: "hostname.exe", user: "it-admin" }));
  expect((await pool().query(`SELECT count(*)::int AS n FROM alerts`)).rows[0].n).toBe(3);
  // …while the same activity from another address still alerts.
  await ingestAndDetect(winrmPair({ host: "SRV-D", sourceIp: "10.13.37.5", at: Date.parse("2026-11-21T10:00:00Z") }));
  expect(await openAlerts()).toBe(1);

  await page.goto("/alerts");
  await page.getByRole("link", { name: "10.13.37.5" }).first().waitFor();
  expect(await page.getByRole("link", { name: JUMP }).count()).toBe(0);
  expect(problems).toEqual([]);
});
