import { parseArgs } from "node:util";
import { buildAlert, type MatchedEvent } from "../lib/detection/build-alert";
import { insertAlert } from "../lib/db/queries/detection-alerts";
import { pool } from "../lib/db/client";
import { ageGeneratedAlerts, analyze, plantedServerEvents, vacuumAnalyze } from "../lib/db/queries/bench";
import { inPgTransaction } from "../lib/db/transaction";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { loadRulePack } from "../lib/rules";
import { createUser } from "../lib/users/create-user";
import { benchEnvironment } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:ui [-- --events 1000000 --alerts 100000 --samples 200]`: with ALERTS alerts over
 * EVENTS events (alerts built from planted WinRM pairs by the worker's own alert builder, statuses
 * and creation times spread over 30 days), p50/p95 of the alerts API (first page, deep page,
 * filtered, grouped) and of the alert page's data (alert + process tree + source-IP timeline).
 * Targets: alerts API p95 ≤ 100 ms, alert page data p95 ≤ 150 ms.
 */
const { values } = parseArgs({
  options: { events: { type: "string", default: "1000000" }, alerts: { type: "string", default: "100000" }, samples: { type: "string", default: "200" } },
});
const EVENTS = Number(values.events);
const ALERTS = Number(values.alerts);
const SAMPLES = Number(values.samples);

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];

async function main() {
  const env = await benchEnvironment({ app: true });
  try {
    const t0 = performance.now();
    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    // Some planted pairs are near misses (a child 30.001 s late): plant a quarter more than needed.
    const plantEvery = Math.max(3, Math.floor(EVENTS / (ALERTS * 1.25)));
    let batch: { doc: unknown }[] = [];
    for (const doc of generateEvents(EVENTS, plan, { plantEvery })) {
      batch.push({ doc });
      if (batch.length === 10_000) {
        await ingestDocuments(batch);
        batch = [];
      }
    }
    if (batch.length) await ingestDocuments(batch);
    console.log(`ingested ${EVENTS.toLocaleString("en")} events in ${((performance.now() - t0) / 1000).toFixed(0)} s`);

    // Alerts from the planted pairs (each planted host has exactly its connection and its child).
    const rule = loadRulePack().rules.find((r) => r.ruleId === "2772264c-6fb9-4d9d-9014-b416eed21254")!;
    const c = await pool().connect();
    let made = 0;
    try {
      // Planted pairs: on the target servers, each connection is followed by its child.
      const rows = await plantedServerEvents(c);
      const now = Date.now();
      await inPgTransaction(c, async () => {
        for (let i = 0; i + 1 < rows.length && made < ALERTS; i++) {
          const [a, b] = [rows[i], rows[i + 1]];
          if (!a.category.includes("network") || !b.category.includes("process")) continue;
          if (b.doc.host.id !== a.doc.host.id || b.ts.getTime() - a.ts.getTime() > 30_000) continue;
          const events: MatchedEvent[] = [a, b].map((r) => ({ seq: Number(r.seq), ts: r.ts, doc: r.doc, enrichments: [] }));
          if (await insertAlert(c, buildAlert(rule, events))) made++;
          i++;
        }
        await ageGeneratedAlerts(now, c);
      });
      // The two UPDATEs above rewrite every alert just created, a step of the data generation that
      // no live table goes through at once: they leave two dead versions per row (and dead index
      // entries in front of the newest alerts) that autovacuum clears within a minute or two.
      // Measure that steady state, not whenever autovacuum happens to run during the samples. The
      // events are left as ingested (autovacuum's own pace).
      await vacuumAnalyze("alerts", c);
      await analyze(undefined, c);
    } finally {
      c.release();
    }
    console.log(`alerts: ${made.toLocaleString("en")}`);

    const password = "ui bench password";
    await createUser({ email: "bench@ui.test", role: "analyst", password }, { actor: { kind: "system", id: "bench", label: "bench", role: "admin" } });
    const login = await fetch(`${env.appUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@ui.test", password }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const get = async (path: string) => {
      const t = performance.now();
      const res = await fetch(`${env.appUrl}${path}`, { headers: { cookie } });
      const body = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t, body };
    };

    const sample = (await get(`/api/v1/alerts?limit=500`)).body.alerts as { id: string; host: { id: string; name: string | null }; sourceIp: string }[];
    let cursor: string | null = null;
    for (let i = 0; i < 40; i++) cursor = (await get(`/api/v1/alerts?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)).body.nextCursor;
    const pick = () => sample[Math.floor(Math.random() * sample.length)];
    const cases: [string, () => string][] = [
      ["alerts: first page", () => `/api/v1/alerts?limit=50`],
      ["alerts: deep page (after 4,000)", () => `/api/v1/alerts?limit=50&cursor=${encodeURIComponent(cursor!)}`],
      ["alerts: filtered by host", () => `/api/v1/alerts?hostId=${encodeURIComponent(pick().host.id)}`],
      ["alerts: filtered by source IP", () => `/api/v1/alerts?status=all&sourceIp=${encodeURIComponent(pick().sourceIp)}`],
      ["alerts: free text (a host name)", () => `/api/v1/alerts?status=all&q=${encodeURIComponent(pick().host.name ?? "")}&limit=50`],
      ["alerts: grouped by host", () => `/api/v1/alerts?groupBy=host`],
      ["alerts: grouped by source IP", () => `/api/v1/alerts?groupBy=sourceIp`],
    ];
    console.log(`\n${"request".padEnd(36)}   p50 ms   p95 ms`);
    for (const [name, path] of cases) {
      const xs: number[] = [];
      for (let i = 0; i < SAMPLES; i++) xs.push((await get(path())).ms);
      console.log(`${name.padEnd(36)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(8)}`);
    }
    const page: number[] = [];
    for (let i = 0; i < SAMPLES; i++) {
      const a = pick();
      const t = performance.now();
      await Promise.all([get(`/api/v1/alerts/${a.id}`), get(`/api/v1/alerts/${a.id}/process-tree`), get(`/api/v1/alerts/${a.id}/ip-activity`)]);
      page.push(performance.now() - t);
    }
    console.log(`${"alert page data (alert+tree+timeline)".padEnd(36)} ${pct(page, 50).toFixed(1).padStart(8)} ${pct(page, 95).toFixed(1).padStart(8)}`);
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
