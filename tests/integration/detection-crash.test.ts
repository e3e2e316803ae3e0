import { afterAll, beforeAll, expect, test } from "vitest";
import { createRandom } from "@/lib/demo/random";
import { compileQuery, evaluate } from "@/lib/eql";
import { pool } from "@/lib/db/client";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { childEvent, networkEvent, winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { runWorkerOnce } from "@/tests/helpers/run-worker-once";

/**
 * The worker is killed with SIGKILL at random moments during executions and restarted until it
 * finishes: the alerts must be exactly those of an uninterrupted evaluation (the engine over all
 * events in memory), none lost and none duplicated. The kill times come from a seeded generator
 * (CRASH_SEED to try another), so a failure can be replayed.
 */
const SEED = Number(process.env.CRASH_SEED ?? 20261204);
let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("crash");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});

const runWorker = (killAfterMs: number | null) => runWorkerOnce(db.url, { batchSize: 60, killAfterMs });

test("SIGKILL during executions, then restart: the same alerts as an uninterrupted run", async () => {
  const t0 = Date.parse("2026-11-20T10:00:00Z");
  const docs: Record<string, unknown>[] = [];
  for (let i = 0; i < 120; i++) {
    const host = `CRASH-${i % 25}`;
    const at = t0 + i * 7000;
    if (i % 3 === 0) docs.push(networkEvent({ host, at, id: `n${i}` }));
    else if (i % 3 === 1) docs.push(...winrmPair({ host, at, id: `p${i}`, parent: i % 2 ? "wsmprovhost.exe" : "winrshost.exe" }));
    else docs.push(childEvent({ host, at, deltaMs: 31_000, id: `late${i}` }));
  }
  // Sessions seen by two sources (the second 4.3 s later, same connection and pid): one alert each,
  // the other source's sequence as corroboration, whichever executions the kills cut.
  for (let i = 0; i < 8; i++) {
    const host = `CRASHDUP-${i}`;
    const at = t0 + i * 9000;
    for (const [source, shift] of [["a", 0], ["b", 4300]] as const) {
      const net = networkEvent({ host, at: at + shift, id: `dup${i}${source}-net` });
      net.source.port = 40000 + i;
      const child = childEvent({ host, at, deltaMs: source === "a" ? 4200 : 4450, id: `dup${i}${source}-proc` });
      child.process.pid = 9000 + i;
      child.process.entity_id = `dup${i}${source}`;
      docs.push(net, child);
    }
  }
  const r = await ingestDocuments(docs.map((doc) => ({ doc })));
  expect(r.accepted).toBe(docs.length);

  let kills = 0;
  const random = createRandom(SEED);
  for (let attempt = 0; attempt < 40; attempt++) {
    const result = await runWorker(attempt < 12 ? random.int(0, 300) : null);
    if (result.signal === "SIGKILL") {
      kills++;
      continue;
    }
    expect(result.code, `seed ${SEED}: ${result.out}`).toBe(0);
    break;
  }
  expect(kills).toBeGreaterThan(0);

  const expected = new Set<string>();
  const all = (await pool().query(`SELECT seq, doc FROM events ORDER BY ts, seq`)).rows.map((row) => row.doc);
  for (const rule of loadRulePack().rules) {
    const q = compileQuery(rule.query);
    for (const m of evaluate(q, all)) {
      expected.add(`${rule.ruleId}:${m.events.map((e) => (e as { event: { id: string } }).event.id).join(",")}`);
    }
  }
  // Every sequence of the uninterrupted evaluation is stored once: as an alert, or as corroboration of one.
  const stored = (await pool().query(`SELECT rule_id, host_name, events, corroboration FROM alerts`)).rows;
  const key = (ruleId: string, events: { eventId: string }[]) => `${ruleId}:${events.map((e) => e.eventId).join(",")}`;
  const actual = stored.flatMap((a) => [key(a.rule_id, a.events), ...a.corroboration.map((c: { events: { eventId: string }[] }) => key(a.rule_id, c.events))]);
  expect(expected.size).toBeGreaterThan(20);
  expect(actual.sort()).toEqual([...expected].sort());
  const dup = stored.filter((a) => a.host_name.startsWith("CRASHDUP-"));
  expect(dup).toHaveLength(8);
  expect(dup.every((a) => a.corroboration.length === 1)).toBe(true);
  const dupes = await pool().query(`SELECT count(*)::int AS n, count(DISTINCT (rule_id, events::text))::int AS d FROM alerts`);
  expect(dupes.rows[0].n).toBe(dupes.rows[0].d);
}, 240_000);
