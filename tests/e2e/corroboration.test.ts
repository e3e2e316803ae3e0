import { expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { childEvent, networkEvent } from "@/tests/helpers/fixtures/winrm-events";

/**
 * One alert per activity on the alert page: the session seen by a second source is shown on the
 * same alert, its events in a section of their own; its dataset name (attacker-controlled, like
 * every event string) renders as text.
 */
const e2e = useAppAndBrowser();
const HOSTILE = `<img src=x onerror=alert("dataset")>`;

test("the alert page shows the other source's events of the same session, as text", async () => {
  const t0 = Date.parse("2026-11-20T10:00:00Z");
  const docs = (["first", "second"] as const).flatMap((source) => {
    const shift = source === "second" ? 4300 : 0;
    const net = networkEvent({ host: "SESSION-HOST", at: t0 + shift, id: `${source}-net` });
    net.source.port = 51999;
    const child = childEvent({ host: "SESSION-HOST", at: t0, deltaMs: source === "first" ? 4200 : 4450, id: `${source}-proc` });
    child.process.pid = 6100;
    const dataset = source === "first" ? "endpoint.events.process" : HOSTILE;
    return [net, { ...child, event: { ...child.event, dataset } }];
  });
  const key = await e2e.app.apiKey("ingest");
  const res = await fetch(`${e2e.app.url}/api/v1/events`, { method: "POST", headers: { authorization: `ApiKey ${key}` }, body: docs.map((d) => JSON.stringify(d)).join("\n") });
  expect((await res.json()).accepted).toBe(4);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
  const { rows } = await pool().query(`SELECT id FROM alerts WHERE host_name = 'SESSION-HOST'`);
  expect(rows).toHaveLength(1);

  const analyst = await e2e.app.user("analyst");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, analyst.email, analyst.password);
  await page.goto(`/alerts/${rows[0].id}`);
  await page.getByRole("table", { name: "Sequence events" }).waitFor();
  const other = page.getByRole("table", { name: `Same activity seen by ${HOSTILE} (2 events)` });
  await other.waitFor();
  expect(await other.getByRole("row").count()).toBeGreaterThanOrEqual(2);
  expect(await page.locator("img[src=x]").count()).toBe(0);
  await screenshot(page, "alert-corroboration");
  expect(problems).toEqual([]);
  await page.context().close();
});
