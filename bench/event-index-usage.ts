import { benchEnvironment } from "./lib/environment";
import { generateEvents } from "./lib/generate-events";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { closeDb, pool } from "../lib/db/client";
import { resetEnvCache } from "../lib/env";
import { groupIpWinrmConnections, listIpWinrmConnections } from "../lib/db/queries/source-ip-activity";
import { fillProcessDocs, latestHostEventAt, listHostProcessStarts } from "../lib/db/queries/process-events";
import { hostIsKnown } from "../lib/db/queries/hosts";
import { runWorkerOnce } from "../tests/helpers/run-cli";

/**
 * `npm run bench:event-index-usage`: which indexes of `events` the product's queries read. The index
 * migration 20261204010000 dropped is created again, sequential scans are disabled (so the
 * planner takes any index that can serve a query), events are ingested, and every query reading
 * `events` runs — the source-IP timeline, process trees, host lookups, and a detection pass (worker
 * --once). Prints each index's scans: an index that no query chose is not needed.
 */
async function main() {
  const env = await benchEnvironment();
  try {
    await pool().query(`CREATE INDEX "events_source_ip_ts_idx" ON "events"("source_ip", "ts")`);
    const docs = [...generateEvents(50_000, { planted: 0, expectedAlerts: 0 }, { plantEvery: 500 })];
    for (let i = 0; i < docs.length; i += 5000) await ingestDocuments(docs.slice(i, i + 5000).map((doc) => ({ doc })));
    await pool().query("ANALYZE events");
    await closeDb();

    const url = new URL(env.url);
    url.searchParams.set("options", "-c enable_seqscan=off");
    process.env.DATABASE_URL = url.toString();
    resetEnvCache();
    await pool().query("SELECT pg_stat_reset()");

    const from = new Date("2026-11-19T00:00:00Z");
    const to = new Date("2026-11-22T00:00:00Z");
    const ips = (await pool().query(`SELECT DISTINCT host(source_ip) AS ip FROM events WHERE destination_port IN (5985, 5986) LIMIT 5`)).rows.map((r) => r.ip as string);
    const hosts = (await pool().query(`SELECT DISTINCT host_id FROM events WHERE host_id IS NOT NULL LIMIT 5`)).rows.map((r) => r.host_id as string);
    await pool().query("SELECT pg_stat_reset()");
    for (const ip of ips) {
      await listIpWinrmConnections(ip, from, to, [], 500);
      await groupIpWinrmConnections(ip, from, to, [], 3_600_000);
    }
    for (const host of hosts) {
      const starts = await listHostProcessStarts(host, from, to, { limit: 500 });
      await fillProcessDocs(host, from, to, starts.events.slice(0, 20).map((e) => String(e.seq)));
      await latestHostEventAt(host);
      await hostIsKnown(host);
    }
    const once = await runWorkerOnce({ DATABASE_URL: url.toString() });
    if (once.code !== 0) throw new Error(once.stderr);
    await new Promise((r) => setTimeout(r, 1500)); // statistics are flushed within a second
    const { rows } = await pool().query(
      `SELECT regexp_replace(indexrelname, '^events_p[0-9_]+_', 'events_') AS index, sum(idx_scan)::int AS scans
         FROM pg_stat_user_indexes WHERE relname LIKE 'events%' GROUP BY 1 ORDER BY 1`,
    );
    for (const r of rows) console.log(`${r.index.padEnd(48)} ${r.scans} scans`);
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
