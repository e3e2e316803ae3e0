import { parseArgs } from "node:util";
import os from "node:os";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { normalizeEvent } from "../lib/ecs/normalize";
import { EVENT_COPY_SQL, toCopyRow } from "../lib/db/queries/insert-events";
import { benchEnvironment, namedCpuSeconds, processCpuSeconds, samplePeakRss } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:ingest [-- --events N --clients C --batch B]`: N generated ECS events pushed
 * through POST /api/v1/events by C concurrent clients (NDJSON batches of B), then the same
 * events loaded with COPY into the same (emptied) events table of the same PostgreSQL. The server
 * is warmed up first with two batches of other events (not timed).
 * Prints events/s for both, their ratio, the web server's peak RSS, and the CPU time per event of
 * the web server, PostgreSQL (every process named postgres) and the clients, and of the COPY's backend.
 */
const { values } = parseArgs({
  options: { events: { type: "string", default: "300000" }, clients: { type: "string", default: "4" }, batch: { type: "string", default: "2000" } },
});
const N = Number(values.events);
const C = Number(values.clients);
const B = Number(values.batch);

async function main() {
  const env = await benchEnvironment({ app: true });
  try {
    const plan: Plan = { planted: 0, expectedAlerts: 0 };
    const bodies: string[] = [];
    let batch: string[] = [];
    for (const doc of generateEvents(N, plan)) {
      batch.push(JSON.stringify(doc));
      if (batch.length === B) {
        bodies.push(batch.join("\n"));
        batch = [];
      }
    }
    if (batch.length) bodies.push(batch.join("\n"));
    const bytes = bodies.reduce((s, b) => s + b.length, 0);
    console.log(`${N} events, ${(bytes / N).toFixed(0)} bytes each, ${C} clients, batches of ${B}`);

    // Warm-up (not timed), as for any long-running server: the first request loads the route's code
    // and opens database connections, and the first thousands of events run before the JIT compiles.
    const post = (body: string) =>
      fetch(`${env.appUrl}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `ApiKey ${env.ingestKey}`, "content-type": "application/x-ndjson" },
        body,
      });
    const warmup = [...generateEvents(2 * B, { planted: 0, expectedAlerts: 0 }, { seed: 7 })].map((doc) =>
      JSON.stringify({ ...doc, event: { ...doc.event, id: `warmup-${doc.event.id}` } }),
    );
    for (const part of [warmup.slice(0, B), warmup.slice(B)]) {
      const res = await post(part.join("\n"));
      if (!res.ok || (await res.json()).accepted !== part.length) throw new Error(`warm-up failed: ${res.status}`);
    }

    // HTTP ingest
    const rss = samplePeakRss(env.server!.pid!);
    const server0 = processCpuSeconds(env.server!.pid!);
    const postgres0 = namedCpuSeconds("postgres");
    const client0 = process.cpuUsage();
    let next = 0;
    let accepted = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: C }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const res = await post(body);
          if (!res.ok) throw new Error(`ingest failed: ${res.status} ${await res.text()}`);
          const out = await res.json();
          accepted += out.accepted;
          if (out.rejected || out.duplicates) console.error(`batch: ${out.duplicates} duplicates, ${out.rejected} rejected: ${JSON.stringify(out.errors.slice(0, 2))}`);
        }
      }),
    );
    const httpSeconds = (performance.now() - t0) / 1000;
    const serverCpu = processCpuSeconds(env.server!.pid!) - server0;
    const postgresCpu = namedCpuSeconds("postgres") - postgres0;
    const clientCpu = process.cpuUsage(client0);
    const peakRss = rss.stop();
    if (accepted !== N) throw new Error(`accepted ${accepted} of ${N}`);

    // COPY baseline: the same events, normalized beforehand (not timed), into the same table.
    const rows = bodies.flatMap((b) => b.split("\n")).map((line) => {
      const r = normalizeEvent(JSON.parse(line));
      if (!r.ok) throw new Error(r.reason);
      return toCopyRow(r.event);
    });
    const client = new pg.Client({ connectionString: env.url });
    await client.connect();
    await client.query("TRUNCATE events, event_keys");
    const backend = (await client.query("SELECT pg_backend_pid() AS pid")).rows[0].pid as number;
    const copyCpu0 = processCpuSeconds(backend);
    const t1 = performance.now();
    const stream = client.query(
      copyFrom(EVENT_COPY_SQL),
    );
    await pipeline(
      Readable.from((function* () {
        for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).join("\n") + "\n";
      })()),
      stream,
    );
    const copySeconds = (performance.now() - t1) / 1000;
    const copyCpu = processCpuSeconds(backend) - copyCpu0;
    await client.end();

    const httpRate = N / httpSeconds;
    const copyRate = N / copySeconds;
    console.log(`HTTP ingest : ${Math.round(httpRate).toLocaleString("en")} events/s (${httpSeconds.toFixed(1)} s)`);
    console.log(`COPY        : ${Math.round(copyRate).toLocaleString("en")} events/s (${copySeconds.toFixed(1)} s)`);
    console.log(`ratio       : ${((httpRate / copyRate) * 100).toFixed(0)}% of COPY`);
    console.log(`server RSS  : peak ${peakRss.toFixed(0)} MB`);
    const perEvent = (seconds: number) => ((seconds * 1e6) / N).toFixed(1);
    console.log(
      `CPU per event: HTTP ingest: web server ${perEvent(serverCpu)} µs, PostgreSQL ${perEvent(postgresCpu)} µs, ` +
        `clients ${perEvent((clientCpu.user + clientCpu.system) / 1e6)} µs; COPY: PostgreSQL ${perEvent(copyCpu)} µs (${os.cpus().length} cores)`,
    );
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
