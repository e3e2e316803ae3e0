import { createSourceIpIndex } from "./lib/ddl";
import { benchEnvironment } from "./lib/environment";
import { generateEvents } from "./lib/generate-events";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { closeDb } from "../lib/db/client";
import { analyze, eventIndexScans, resetStatistics, sampleEventHostIds, sampleWinrmSourceIps } from "../lib/db/queries/bench";
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
    await createSourceIpIndex();
    const docs = [...generateEvents(50_000, { planted: 0, expectedAlerts: 0 }, { plantEvery: 500 })];
    for (let i = 0; i < docs.length; i += 5000) await ingestDocuments(docs.slice(i, i + 5000).map((doc) => ({ doc })));
    await analyze("events");
    await closeDb();

    const url = new URL(env.url);
    url.searchParams.set("options", "-c enable_seqscan=off");
    process.env.DATABASE_URL = url.toString();
    resetEnvCache();
    await resetStatistics();

    const from = new Date("2026-11-19T00:00:00Z");
    const to = new Date("2026-11-22T00:00:00Z");
    const ips = await sampleWinrmSourceIps(5);
    const hosts = await sampleEventHostIds(5);
    await resetStatistics();
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
    for (const r of await eventIndexScans()) console.log(`${r.index.padEnd(48)} ${r.scans} scans`);
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
