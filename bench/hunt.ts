import { parseArgs } from "node:util";
import { systemActor } from "../lib/auth/actor";
import { eventSpan, readPushdownCandidates, vacuumAnalyze } from "../lib/db/queries/bench";
import { explainHunt, huntSelect } from "../lib/db/queries/hunt-events";
import { EVENT_COLUMNS } from "../lib/ecs/columns";
import { compileQuery } from "../lib/eql";
import { runHunt } from "../lib/hunt/run-hunt";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { loadRulePack } from "../lib/rules";
import { benchEnvironment } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:hunt [-- --events N]`: N generated events (200 hosts, planted WinRM pairs and near
 * misses, a few ntdsutil.exe starts) spread over 24 hours and stored through the ingest function;
 * then hunts over that 24 h window through the hunt service (SQL through the index path and the
 * engine's pushdown, re-checked in memory): both seed rules, a selective event query, and broad
 * queries for memory. Baseline in the same run: the seed rules' candidates read with the engine's
 * pushdown alone (what the worker's SQL does without the index path). Prints median and best of 5.
 */
const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" }, runs: { type: "string", default: "5" } } });
const N = Number(values.events);
const RUNS = Number(values.runs);
const DAY = 24 * 3600_000;
const FROM = new Date("2026-11-20T00:00:00Z");
const TO = new Date(FROM.getTime() + DAY);
const actor = systemActor("bench");

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fmt = (ms: number) => `${ms.toFixed(0)} ms`;

async function timeHunt(query: string, limit = 1000) {
  const times: number[] = [];
  let last;
  await runHunt({ query, from: FROM.toISOString(), to: TO.toISOString(), limit }, { actor }); // warm-up
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await runHunt({ query, from: FROM.toISOString(), to: TO.toISOString(), limit }, { actor });
    times.push(performance.now() - t0);
  }
  return { median: median(times), best: Math.min(...times), result: last! };
}

/** The pushdown alone: every candidate of the window read the way toSql writes it. */
async function timePushdownOnly(query: string) {
  const q = compileQuery(query);
  const f = q.toSql({ columns: EVENT_COLUMNS, docColumn: "doc", paramOffset: 2 });
  const times: number[] = [];
  let rows = 0;
  await readPushdownCandidates(FROM, TO, f);
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    rows = await readPushdownCandidates(FROM, TO, f);
    times.push(performance.now() - t0);
  }
  return { median: median(times), rows };
}

async function peakHeap(query: string, limit: number) {
  global.gc?.();
  const base = process.memoryUsage().heapUsed;
  let peak = base;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().heapUsed)), 10);
  const t0 = performance.now();
  const r = await runHunt({ query, from: FROM.toISOString(), to: TO.toISOString(), limit }, { actor });
  const ms = performance.now() - t0;
  clearInterval(timer);
  peak = Math.max(peak, process.memoryUsage().heapUsed);
  return { mb: (peak - base) / 1048576, ms, scanned: r.scanned, matches: r.matches.length, truncated: r.truncated };
}

async function main() {
  const env = await benchEnvironment();
  try {
    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    let batch: { doc: unknown }[] = [];
    let ntds = 0;
    const t0 = performance.now();
    // About 86 ms between events on average: N = 1,000,000 fills the 24 hours.
    for (const doc of generateEvents(N, plan, { maxStepMs: Math.max(2, Math.round((2 * DAY) / N)) })) {
      const d = doc as { process?: { name?: string }; event: { category: string[] } };
      if (d.event.category[0] === "process" && d.process && ++ntds % 20_000 === 0) d.process.name = "ntdsutil.exe";
      batch.push({ doc });
      if (batch.length === 5000) {
        await ingestDocuments(batch);
        batch = [];
      }
    }
    if (batch.length) await ingestDocuments(batch);
    const ingestS = (performance.now() - t0) / 1000;
    await vacuumAnalyze("events");
    const span = await eventSpan();
    console.log(`stored ${span.n.toLocaleString("en")} events in ${ingestS.toFixed(1)} s, from ${span.a.toISOString()} to ${span.b.toISOString()} (${plan.expectedAlerts} planted sequences that alert)`);

    const rules = loadRulePack().rules;
    console.log(`\nhunts over the 24 h window (${RUNS} runs after a warm-up; median / best):`);
    for (const rule of rules) {
      const h = await timeHunt(rule.query);
      const base = await timePushdownOnly(rule.query);
      console.log(
        `  ${rule.name}: ${fmt(h.median)} / ${fmt(h.best)} — ${h.result.matches.length} sequences, ${h.result.scanned.toLocaleString("en")} candidates re-checked` +
          `; pushdown alone: ${fmt(base.median)} reading ${base.rows.toLocaleString("en")} candidates (${(base.median / h.median).toFixed(1)}× the hunt)`,
      );
    }
    const both = (await Promise.all(rules.map((r) => runHunt({ query: r.query, from: FROM.toISOString(), to: TO.toISOString() }, { actor })))).reduce((n, r) => n + r.matches.length, 0);
    console.log(`  both rules: ${both} sequences (planted to alert: ${plan.expectedAlerts}) ${both === plan.expectedAlerts ? "— equal" : "— MISMATCH"}`);
    if (both !== plan.expectedAlerts) process.exitCode = 1;

    const selective = 'process where process.name : "ntdsutil.exe"';
    const s = await timeHunt(selective);
    const sBase = await timePushdownOnly(selective);
    console.log(`  ${selective}: ${fmt(s.median)} / ${fmt(s.best)} — ${s.result.matches.length} events; pushdown alone: ${fmt(sBase.median)} (${(sBase.median / s.median).toFixed(1)}×)`);

    console.log(`\nplans (the index path):`);
    for (const q of [rules[0].query, selective]) {
      const anchored = huntSelect(compileQuery(q), { from: FROM, to: TO }).anchored;
      const plan = await explainHunt(compileQuery(q), { from: FROM, to: TO }, true);
      const lines = plan.split("\n").filter((l) => /Scan|Nested|Execution Time/.test(l)).slice(0, 8);
      console.log(`  ${q.split("\n")[0].slice(0, 60)}… (${anchored ? "read from its last stage" : "window and index path"})\n${lines.map((l) => `    ${l.trim().slice(0, 160)}`).join("\n")}`);
    }

    console.log(`\nmemory (heap growth during one hunt; bounded by the result limit, not the window):`);
    for (const [q, limit] of [
      ["any where true", 1000],
      ["any where true", 10000],
      ["process where true | tail 1000", 1000],
      ["sequence by host.id with maxspan=1m [process where true] [network where true]", 1000],
    ] as const) {
      const m = await peakHeap(q, limit);
      console.log(`  ${q} (limit ${limit}): +${m.mb.toFixed(1)} MB heap, ${m.matches} matches${m.truncated ? " (truncated)" : ""}, ${m.scanned.toLocaleString("en")} events scanned, ${fmt(m.ms)}`);
    }
    console.log(`  RSS at the end: ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB`);
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
