import { parseArgs } from "node:util";
import { pool } from "../lib/db/client";
import { inPgTransaction } from "../lib/db/transaction";
import { incidentSizes, movementRowCounts, plantedMovementEvents, shapeBenchIncidents, vacuumAnalyze } from "../lib/db/queries/bench";
import { afterAlertsInserted } from "../lib/detection/after-alerts";
import { buildAlert, type MatchedEvent, type NewAlert } from "../lib/detection/build-alert";
import { storeAlert } from "../lib/detection/store-alerts";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { advanceAddressBook } from "../lib/movement/advance-address-book";
import { loadRulePack } from "../lib/rules";
import { createUser } from "../lib/users/create-user";
import { systemActor } from "../lib/auth/actor";
import { benchEnvironment } from "./lib/environment";
import { generateMovement, type MovementPlan } from "./lib/generate-movement";

/**
 * `npm run bench:movement [-- --events 1000000 --alerts 100000 --hosts 1000 --samples 200]`: a network of
 * HOSTS hosts over 3 days (70 internal segments where alerts chain host to host, edge servers
 * hit from 20,000 outside addresses, WinRM connections without alerts, every host's own events
 * carrying host.ip). Ingests EVENTS events, runs the worker's address-book step over them, then
 * stores the ALERTS alerts in transactions of 100 (max_signals) exactly as detection does
 * (storeAlert: the existence and same-activity checks, then the insert), with grouping inside
 * (lib/detection/after-alerts.ts) — timing storing and grouping apart in the same transactions.
 * Then p50/p95 over HTTP of the incidents list and page and of the movement API.
 * Targets: incidents list p95 ≤ 100 ms, movement API p95 ≤ 200 ms, grouping keeps up with detection.
 */
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    alerts: { type: "string", default: "100000" },
    hosts: { type: "string", default: "1000" },
    samples: { type: "string", default: "200" },
  },
});
const EVENTS = Number(values.events);
const ALERTS = Number(values.alerts);
const HOSTS = Number(values.hosts);
const SAMPLES = Number(values.samples);
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const rate = (n: number, ms: number) => Math.round(n / (ms / 1000)).toLocaleString("en");

async function main() {
  const env = await benchEnvironment({ app: true });
  try {
    const plan: MovementPlan = { alerts: 0, pairs: [] };
    let t = performance.now();
    let batch: { doc: unknown }[] = [];
    for (const doc of generateMovement({ events: EVENTS, alerts: ALERTS, hosts: HOSTS }, plan)) {
      batch.push({ doc });
      if (batch.length === 10_000) {
        await ingestDocuments(batch);
        batch = [];
      }
    }
    if (batch.length) await ingestDocuments(batch);
    console.log(`ingested ${EVENTS.toLocaleString("en")} events (${plan.alerts.toLocaleString("en")} planted alert pairs) in ${((performance.now() - t) / 1000).toFixed(0)} s`);

    const c = await pool().connect();
    try {
      t = performance.now();
      let observed = 0;
      for (;;) {
        const s = await advanceAddressBook(c);
        observed += s.events;
        if (!s.more) break;
      }
      const bookMs = performance.now() - t;
      const counts = await movementRowCounts(c);
      console.log(`address book: ${observed.toLocaleString("en")} events in ${(bookMs / 1000).toFixed(1)} s = ${rate(observed, bookMs)} events/s (${counts.obs.toLocaleString("en")} observation rows, ${counts.hops.toLocaleString("en")} hop rows)`);

      // The planted pairs' events, in the order detection would find them (by last event's seq).
      const rule = loadRulePack().rules.find((r) => r.ruleId === "2772264c-6fb9-4d9d-9014-b416eed21254")!;
      const rows = await plantedMovementEvents(c);
      const byId = new Map(rows.map((r) => [r.event_id as string, r]));
      const alerts: NewAlert[] = [];
      for (const p of plan.pairs) {
        const [a, b] = [byId.get(p.connection), byId.get(p.process)];
        if (!a || !b) continue;
        const events: MatchedEvent[] = [a, b].map((r) => ({ seq: Number(r.seq), ts: r.ts, doc: r.doc, enrichments: [] }));
        alerts.push(buildAlert(rule, events));
      }
      let storeMs = 0;
      let groupMs = 0;
      let stored = 0;
      const perBatch: number[] = [];
      for (let i = 0; i < alerts.length; i += 100) {
        const slice = alerts.slice(i, i + 100);
        let t0 = 0;
        let t1 = 0;
        let t2 = 0;
        await inPgTransaction(c, async () => {
          t0 = performance.now();
          const inserted: NewAlert[] = [];
          for (const a of slice) if ((await storeAlert(c, a)) === "created") inserted.push(a);
          t1 = performance.now();
          stored += inserted.length;
          await afterAlertsInserted(c, inserted);
          t2 = performance.now();
        });
        storeMs += t1 - t0;
        groupMs += t2 - t1;
        perBatch.push(t2 - t1);
        if ((i / 100) % 200 === 0) console.error(`  ${i.toLocaleString("en")} alerts…`);
      }
      const inc = await incidentSizes(c);
      console.log(
        `alerts: ${alerts.length.toLocaleString("en")} in transactions of 100: stored ${stored.toLocaleString("en")} in ${(storeMs / 1000).toFixed(1)} s (${rate(alerts.length, storeMs)} alerts/s), ` +
          `grouping ${(groupMs / 1000).toFixed(1)} s (${rate(alerts.length, groupMs)} alerts/s; grouping ÷ storing = ${(groupMs / storeMs).toFixed(2)}×; per transaction p50 ${pct(perBatch, 50).toFixed(0)} ms, p95 ${pct(perBatch, 95).toFixed(0)} ms)`,
      );
      console.log(`incidents: ${inc.live.toLocaleString("en")} (+${inc.merged.toLocaleString("en")} merged away), the largest ${inc.largest.toLocaleString("en")} alerts`);
      await shapeBenchIncidents(c);
      await vacuumAnalyze(undefined, c);
    } finally {
      c.release();
    }

    const password = "movement bench password";
    await createUser({ email: "bench@movement.test", role: "analyst", password }, { actor: systemActor("bench"), ip: null });
    const login = await fetch(`${env.appUrl}/api/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email: "bench@movement.test", password }) });
    const cookie = login.headers.get("set-cookie")!.split(";")[0];
    const get = async (path: string) => {
      const t0 = performance.now();
      const res = await fetch(`${env.appUrl}${path}`, { headers: { cookie } });
      const body = await res.json();
      if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`);
      return { ms: performance.now() - t0, body };
    };
    const end = plan.end!;
    const day = 86_400_000;
    const w24 = `from=${new Date(end - day).toISOString()}&to=${new Date(end).toISOString()}`;
    const w7 = `from=${new Date(end - 7 * day).toISOString()}&to=${new Date(end).toISOString()}`;
    const list = (await get(`/api/v1/incidents?status=all&limit=200`)).body.incidents as { id: string; alertCount: number }[];
    const bySize = (await get(`/api/v1/incidents?status=all&sort=size&limit=20`)).body.incidents as { id: string; alertCount: number }[];
    const bigOnes = bySize.length ? bySize : list;
    const small = (await get(`/api/v1/incidents?status=all&sort=size&order=asc&limit=200`)).body.incidents as { id: string }[];
    let cursor: string | null = null;
    for (let i = 0; i < 40; i++) cursor = (await get(`/api/v1/incidents?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`)).body.nextCursor;
    const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
    const hostIds = Array.from({ length: HOSTS }, (_, i) => `mv-host-${i}`);

    const cases: [string, () => string][] = [
      ["incidents: open, by priority", () => `/api/v1/incidents?limit=50`],
      ["incidents: all, by size", () => `/api/v1/incidents?status=all&sort=size&limit=50`],
      ["incidents: by last activity", () => `/api/v1/incidents?sort=lastActivity&limit=50`],
      ["incidents: deep page (after 2,000)", () => `/api/v1/incidents?limit=50&cursor=${encodeURIComponent(cursor!)}`],
      ["incidents: text filter (a host name)", () => `/api/v1/incidents?status=all&q=WEB-${700 + Math.floor(Math.random() * 300)}`],
      ["incidents: a host's", () => `/api/v1/incidents?status=all&hostId=${pick(hostIds)}`],
      ["incident page: one of the 20 largest", () => `/api/v1/incidents/${pick(bigOnes).id}`],
      ["incident page: a small one", () => `/api/v1/incidents/${pick(small).id}`],
      ["movement: last 24 h", () => `/api/v1/movement?${w24}`],
      ["movement: last 7 days", () => `/api/v1/movement?${w7}`],
      ["movement: a host, 24 h", () => `/api/v1/movement?${w24}&hostId=${pick(hostIds.slice(0, 700))}`],
      ["movement: an incident", () => `/api/v1/movement?incidentId=${pick(bigOnes).id}`],
    ];
    console.log(`\n${"request".padEnd(40)}   p50 ms   p95 ms   note`);
    for (const [name, path] of cases) {
      const xs: number[] = [];
      let note = "";
      for (let i = 0; i < SAMPLES; i++) {
        const r = await get(path());
        xs.push(r.ms);
        if (i === 0 && r.body.edges) note = `${r.body.nodes.length} nodes, ${r.body.edges.length} edges${r.body.truncated ? ` (truncated from ${r.body.totals.edges})` : ""}`;
        if (i === 0 && r.body.alerts && r.body.alertCount) note = `${r.body.alertCount} alerts`;
      }
      console.log(`${name.padEnd(40)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(8)}   ${note}`);
    }
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
