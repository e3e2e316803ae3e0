import { beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { loadRulePack } from "@/lib/rules";
import { newPage, screenshot, signIn, useAppAndBrowser } from "@/tests/helpers/browser";
import { childEvent, networkEvent } from "@/tests/helpers/fixtures/winrm-events";

/**
 * Every string in endpoint telemetry is attacker-controlled. An XSS corpus goes in through the real
 * ingest path into every field the UI shows (host, process, parent, command line, user), detection
 * raises alerts from it, and then every page is opened in Chromium: no script may run (dialogs and
 * page errors are recorded), no injected element may appear, and the text shows literally.
 */
const CORPUS = [
  `<img src=x onerror=alert(1)>`,
  `<script>alert(2)</script>`,
  `"><svg onload=alert(3)>`,
  `javascript:alert(4)`,
  `'-alert(5)-'`,
  `{{constructor.constructor('alert(6)')()}}`,
];

const e2e = useAppAndBrowser();
let alertId: string;
let hostId: string;
let incidentId: string;
const sourceIp = "10.66.6.6";

beforeAll(async () => {
  const key = await e2e.app.apiKey("ingest");
  const docs = CORPUS.flatMap((payload, i) => {
    const at = Date.parse("2026-11-20T10:00:00Z") + i * 60_000;
    const host = `EVIL-${i}${payload}`;
    const net = networkEvent({ host, at, sourceIp });
    const child = childEvent({ host, at, child: `${payload}.exe`, user: payload });
    child.process.command_line = `cmd.exe /c ${payload}`;
    child.process.parent = { ...child.process.parent, executable: `C:\\Windows\\System32\\wsmprovhost.exe ${payload}` };
    (child.user as Record<string, string>).domain = payload;
    return [net, child];
  });
  const res = await fetch(`${e2e.app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${key}` },
    body: docs.map((d) => JSON.stringify(d)).join("\n"),
  });
  expect((await res.json()).accepted).toBe(docs.length);
  await runOnce(loadRulePack().rules, { workerId: "test" }, () => false);
  const { rows } = await pool().query(`SELECT id, host_id FROM alerts ORDER BY first_event_at LIMIT 1`);
  expect(rows).toHaveLength(1);
  alertId = rows[0].id;
  hostId = rows[0].host_id;
  incidentId = (await pool().query(`SELECT incident_id FROM alerts WHERE incident_id IS NOT NULL LIMIT 1`)).rows[0].incident_id;
  expect((await pool().query(`SELECT count(*)::int AS n FROM alerts`)).rows[0].n).toBe(CORPUS.length);
});

test("no page runs injected script; payloads show as text", async () => {
  const admin = await e2e.app.user("admin");
  const { page, problems } = await newPage(e2e.browser, e2e.app.url);
  await signIn(page, admin.email, admin.password);
  const pages = [
    "/alerts",
    `/alerts?status=all&q=${encodeURIComponent("<script>")}`,
    "/alerts?groupBy=host",
    `/alerts/${alertId}`,
    `/hosts/${encodeURIComponent(hostId)}?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z`,
    `/ips/${sourceIp}?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z`,
    "/overview",
    "/rules",
    "/rules/2772264c-6fb9-4d9d-9014-b416eed21254",
    "/allowlists",
    `/allowlists/new?fromAlert=${alertId}`,
    "/admin/audit",
    "/incidents?status=all",
    `/incidents/${incidentId}`,
    "/movement?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z",
    `/movement?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z&ip=${sourceIp}`,
    // A prefilled hunt runs at once: every payload in the results table, its links and the histogram.
    `/hunt?ip=${sourceIp}&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z`,
    `/hunt?hostId=${encodeURIComponent(hostId)}&from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z&query=${encodeURIComponent("sequence by host.id with maxspan=1m [network where true] [process where true]")}`,
  ];
  for (const path of pages) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    const injected = await page.evaluate(() => ({
      img: document.querySelectorAll('img[src="x"]').length,
      svg: document.querySelectorAll("svg[onload]").length,
      // Next.js's own scripts carry the CSP nonce or load its chunks; anything else was injected.
      scripts: [...document.scripts].filter((s) => !s.nonce && !new URL(s.src || "about:blank", location.href).pathname.startsWith("/_next/")).length,
      jsLinks: [...document.querySelectorAll("a[href]")].filter((a) => /^\s*javascript:/i.test(a.getAttribute("href") ?? "")).length,
    }));
    expect(injected, path).toEqual({ img: 0, svg: 0, scripts: 0, jsLinks: 0 });
  }
  await page.goto(`/alerts/${alertId}`);
  await page.waitForLoadState("networkidle");
  const text = await page.evaluate(() => document.body.innerText);
  expect(text).toContain(CORPUS[0]);
  expect(text).toContain(`cmd.exe /c ${CORPUS[0]}`);
  await screenshot(page, "hostile-alert-detail");
  await page.goto("/alerts");
  await page.waitForLoadState("networkidle");
  expect(await page.evaluate(() => document.body.innerText)).toContain(`<script>alert(2)</script>`);
  // The graph's host names (custom nodes) and the incident page's lists: text.
  await page.goto("/movement?from=2026-11-19T00:00:00Z&to=2026-11-21T00:00:00Z");
  await page.locator(".react-flow__node").first().waitFor();
  expect(await page.getByTestId("movement-graph").evaluate((el) => el.textContent)).toContain(`EVIL-1${CORPUS[1]}`);
  await page.goto(`/incidents/${incidentId}`);
  await page.getByRole("list", { name: "Hosts" }).waitFor();
  expect(await page.getByRole("list", { name: "Hosts" }).textContent()).toContain(`EVIL-0${CORPUS[0]}`);
  expect(problems).toEqual([]);
});
