import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { runRule } from "@/lib/detection/run-rule";
import { compileQuery, evaluate } from "@/lib/eql";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { childEvent, networkEvent } from "@/tests/helpers/fixtures/winrm-events";

/**
 * Incremental detection equals one evaluation of everything: random dense traffic (several
 * connections and children within maxspan of each other, near misses at the edges, several hosts),
 * ingested in time order in random chunks with small executions between them, must give exactly
 * the alerts the engine finds over all events at once.
 */
let dbh: TestDatabase;
beforeAll(async () => {
  dbh = await openMigratedDatabase("incr");
});
afterAll(async () => {
  await closeMigratedDatabase(dbh);
});

function rng(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
}

const rules = loadRulePack().rules;

test.each([1, 2, 3, 4, 5, 6])("seed %i: chunked, incremental executions = one full evaluation", async (seed) => {
  await pool().query(`TRUNCATE events, event_keys, alerts, rule_checkpoints, rule_executions`);
  const r = rng(seed);
  let t = Date.parse("2026-11-20T10:00:00Z");
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < 400; i++) {
    t += Math.floor(r() * 12_000); // dense: often several events within 30 s
    const host = `H${Math.floor(r() * 4)}`;
    const id = `s${seed}-${i}`;
    if (r() < 0.45) docs.push(networkEvent({ host, at: t, id, sourceIp: `10.0.0.${1 + Math.floor(r() * 3)}` }));
    else docs.push(childEvent({ host, at: t, deltaMs: 0, id, parent: r() < 0.75 ? "wsmprovhost.exe" : "winrshost.exe" }));
  }
  for (let i = 0; i < docs.length; ) {
    const n = 1 + Math.floor(r() * 60);
    const res = await ingestDocuments(docs.slice(i, i + n).map((doc) => ({ doc: structuredClone(doc) })));
    expect(res.accepted).toBe(Math.min(n, docs.length - i));
    i += n;
    if (r() < 0.5) for (const rule of rules) while ((await runRule(rule, { trigger: "manual", workerId: "t", batchSize: 37 }))?.more);
  }
  for (const rule of rules) while ((await runRule(rule, { trigger: "manual", workerId: "t", batchSize: 37 }))?.more);

  const stored = (await pool().query(`SELECT doc FROM events ORDER BY ts, seq`)).rows.map((row) => row.doc);
  const expected = new Set<string>();
  for (const rule of rules) {
    for (const m of evaluate(compileQuery(rule.query), stored)) {
      expected.add(`${rule.ruleId}:${m.events.map((e) => (e as { event: { id: string } }).event.id).join(",")}`);
    }
  }
  const actual = (await pool().query(`SELECT rule_id, events FROM alerts`)).rows.map(
    (a) => `${a.rule_id}:${(a.events as { eventId: string }[]).map((e) => e.eventId).join(",")}`,
  );
  expect(expected.size).toBeGreaterThan(5);
  expect(actual.sort()).toEqual([...expected].sort());
}, 60_000);
