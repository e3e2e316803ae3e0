import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { groupInOrder, partition, type GroupingAlert } from "@/lib/incidents/grouping";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { winrmPair } from "@/tests/helpers/fixtures/winrm-events";
import { createRandom } from "@/lib/demo/random";
import { runWorkerOnce } from "@/tests/helpers/run-worker-once";

/**
 * kill -9 safety of grouping: the worker is killed with SIGKILL at random moments and restarted
 * until it finishes. Every alert then has exactly one incident, every incident's counts match its
 * alerts, and the incidents are those the grouping semantics give for the same alerts (the pure
 * reference grouper over the stored alerts and their source hosts).
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("inccrash");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});

/** The kill delays come from a seeded generator (CRASH_SEED to try another), so a failure can be replayed. */
const SEED = Number(process.env.CRASH_SEED ?? 20261204);

const runWorker = (killAfterMs: number | null) => runWorkerOnce(db.url, { batchSize: 40, killAfterMs });

test("SIGKILL during grouping, then restart: consistent incidents, those of the grouping semantics", async () => {
  const t0 = Date.parse("2026-11-20T10:00:00Z");
  const ip = (i: number) => `10.77.0.${i + 1}`;
  const docs: Record<string, unknown>[] = [];
  for (let k = 0; k < 60; k++) {
    const target = k % 25;
    const source = k % 6 === 5 ? `45.0.0.${k}` : ip((k * 7 + 3) % 25);
    for (const d of winrmPair({ host: `CR-${target}`, sourceIp: source, at: t0 + k * 20 * 60_000, id: `c${k}` }) as { host: { ip?: string[] }; destination?: { ip?: string } }[]) {
      d.host.ip = [ip(target)];
      if (d.destination) d.destination.ip = ip(target);
      docs.push(d);
    }
  }
  // Every host's own events carry its address, hour by hour.
  for (let h = 0; h < 25; h++) {
    for (let t = t0 - 3_600_000; t < t0 + 21 * 3_600_000; t += 3_600_000) {
      docs.push({
        "@timestamp": new Date(t + h * 1000).toISOString(),
        event: { id: `beat-${h}-${t}`, category: ["process"], type: ["start"] },
        host: { id: `id-cr-${h}`, name: `CR-${h}`, ip: [ip(h)], os: { type: "windows", family: "windows" } },
        process: { name: "svchost.exe", pid: 900, parent: { name: "services.exe", pid: 700 } },
      });
    }
  }
  const r = await ingestDocuments(docs.map((doc) => ({ doc })));
  expect(r.accepted).toBe(docs.length);

  let kills = 0;
  const random = createRandom(SEED);
  for (let attempt = 0; attempt < 40; attempt++) {
    const result = await runWorker(attempt < 10 ? random.int(0, 300) : null);
    if (result.signal === "SIGKILL") {
      kills++;
      continue;
    }
    expect(result.code, result.out).toBe(0);
    break;
  }
  expect(kills).toBeGreaterThan(0);

  const { rows } = await pool().query(
    `SELECT id, host_id, host(source_ip) AS source_ip, source_host_id, first_event_at, incident_id FROM alerts ORDER BY first_event_at, id`,
  );
  expect(rows.length).toBe(60);
  expect(rows.every((a) => a.incident_id !== null)).toBe(true);
  expect(rows.filter((a) => a.source_ip.startsWith("10.77.")).every((a) => a.source_host_id !== null)).toBe(true);
  const mismatched = await pool().query(
    `SELECT i.id FROM incidents i LEFT JOIN alerts a ON a.incident_id = i.id WHERE i.merged_into IS NULL
     GROUP BY i.id, i.alert_count HAVING count(a.id) <> i.alert_count`,
  );
  expect(mismatched.rows).toEqual([]);
  const stored = new Map<string, string>(rows.map((a) => [a.id, a.incident_id]));
  const alerts: GroupingAlert[] = rows.map((a) => ({ id: a.id, hostId: a.host_id, sourceIp: a.source_ip, sourceHostId: a.source_host_id, at: a.first_event_at.getTime() }));
  const expected = partition(groupInOrder(alerts, 24 * 3_600_000));
  expect(partition(stored)).toEqual(expected);
  expect(expected.length).toBeGreaterThan(1);
});
