import { spawn } from "node:child_process";
import { parseArgs } from "node:util";
import { countAlerts } from "../lib/db/queries/bench";
import { ingestDocuments } from "../lib/ingest/ingest-documents";
import { benchEnvironment, samplePeakRss } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:detect [-- --events N]`: N generated events (200 hosts, realistic mix, planted
 * sequences and near misses) ingested through the ingest function, then one `worker --once` pass
 * as its own process: events/s, wall time, peak RSS, and alerts equal to the planted ones.
 */
const { values } = parseArgs({ options: { events: { type: "string", default: "1000000" } } });
const N = Number(values.events);

async function main() {
  const env = await benchEnvironment();
  try {
    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    let batch: { doc: unknown }[] = [];
    const t0 = performance.now();
    for (const doc of generateEvents(N, plan)) {
      batch.push({ doc });
      if (batch.length === 5000) {
        await ingestDocuments(batch);
        batch = [];
      }
    }
    if (batch.length) await ingestDocuments(batch);
    const ingestSeconds = (performance.now() - t0) / 1000;
    console.log(`ingested ${N.toLocaleString("en")} events in ${ingestSeconds.toFixed(1)} s (${plan.planted} planted pairs, ${plan.expectedAlerts} must alert)`);

    const t1 = performance.now();
    const child = spawn(process.execPath, ["--import", "tsx", "lib/worker/main.ts", "--once"], {
      env: { ...process.env, DATABASE_URL: env.url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const rss = samplePeakRss(child.pid!);
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    const code = await new Promise<number | null>((r) => child.on("exit", r));
    const peak = rss.stop();
    const seconds = (performance.now() - t1) / 1000;
    if (code !== 0) throw new Error(`worker --once exited ${code}`);
    const summary = JSON.parse(out.trim().split("\n").pop()!);
    const alerts = await countAlerts();
    console.log(`detection   : ${Math.round(N / seconds).toLocaleString("en")} events/s (one --once pass, ${seconds.toFixed(1)} s wall, both rules)`);
    console.log(`worker RSS  : peak ${peak.toFixed(0)} MB`);
    console.log(`alerts      : ${alerts} (planted to alert: ${plan.expectedAlerts}) ${alerts === plan.expectedAlerts ? "— equal" : "— MISMATCH"}`);
    console.log(`executions  : ${summary.rules.map((r: { name: string; executions: number }) => `${r.name}: ${r.executions}`).join("; ")}`);
    if (alerts !== plan.expectedAlerts) process.exitCode = 1;
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
