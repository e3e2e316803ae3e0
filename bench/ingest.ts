import http from "node:http";
import { parseArgs } from "node:util";
import os from "node:os";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { normalizeEvent } from "../lib/ecs/normalize";
import { EVENT_COPY_SQL, toCopyRow } from "../lib/db/queries/insert-events";
import type { NormalizedEvent } from "../lib/ecs/types";
import { createBareEventsTable, emptyTables, withoutEventIndexes } from "./lib/ddl";
import { backendPid, eventSecondaryIndexes, eventStorageBytes } from "../lib/db/queries/bench";
import { benchEnvironment, databaseCpu, processCpuSeconds, samplePeakRss } from "./lib/environment";
import { generateEvents, type Plan } from "./lib/generate-events";

/**
 * `npm run bench:ingest [-- --events N --clients C --batch B --runs R]`: N generated ECS events
 * pushed through POST /api/v1/events by C concurrent clients (NDJSON batches of B), then, against
 * the same PostgreSQL in the same run, the same events loaded with COPY:
 * - into the same (emptied) events table, with every index (the existing baseline);
 * - bare: into a minimal table (ts, host_id, category, doc jsonb, one (host_id, ts) index), the
 *   ceiling of "store the documents at all";
 * - into the events table with one index (or the primary key) dropped at a time (inside a
 *   rolled-back transaction), and with every secondary index dropped: each one's cost per event is
 *   the difference;
 * - the idempotency claims alone: COPY of the keys into event_keys.
 * Also prints the bytes on disk per event of the table, of each index and of the claims after HTTP
 * ingest. Each COPY's cost is printed as its time and as the CPU time of its PostgreSQL backend, which
 * another program's load on the machine disturbs less.
 * R runs (default 5); every figure printed is the median of the runs. The server is warmed up first
 * with two batches of other events (not timed). Also prints the web server's peak RSS and the CPU
 * time per event of the web server, PostgreSQL (the backends of the bench's database and the
 * server's background processes; another database's work on the same server is not counted) and
 * the clients.
 */
const { values } = parseArgs({
  options: {
    events: { type: "string", default: "300000" },
    clients: { type: "string", default: "4" },
    batch: { type: "string", default: "2000" },
    runs: { type: "string", default: "5" },
  },
});
const N = Number(values.events);
const C = Number(values.clients);
const B = Number(values.batch);
const RUNS = Number(values.runs);

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** COPY text-format helpers for the bare table (the same escaping as the events COPY). */
const esc = (v: string) => v.replace(/[\\\n\r\t]/g, (c) => ({ "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" })[c]!);
const arr = (values: string[]) => esc(`{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`);
function bareRow(e: NormalizedEvent): string {
  const c = e.columns;
  return `${c.ts}\t${c.hostId === null ? "\\N" : esc(c.hostId)}\t${arr(c.category)}\t${esc(JSON.stringify(e.doc))}`;
}

/** A COPY's wall-clock seconds and its backend's CPU seconds (steadier on a shared machine). */
interface Cost {
  time: number[];
  cpu: number[];
}
const cost = (): Cost => ({ time: [], cpu: [] });

async function copyRows(client: pg.Client, sql: string, rows: string[], into: Cost): Promise<number> {
  const backend = await backendPid(client);
  const cpu0 = processCpuSeconds(backend);
  const t = performance.now();
  await pipeline(
    Readable.from((function* () {
      for (let i = 0; i < rows.length; i += 1000) yield rows.slice(i, i + 1000).join("\n") + "\n";
    })()),
    client.query(copyFrom(sql)),
  );
  const seconds = (performance.now() - t) / 1000;
  into.time.push(seconds);
  into.cpu.push(processCpuSeconds(backend) - cpu0);
  return seconds;
}

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
    console.log(`${N} events, ${(bytes / N).toFixed(0)} bytes each, ${C} clients, batches of ${B}, ${RUNS} runs (medians)`);

    // The COPY baselines' rows: the same events, normalized beforehand (not timed); the events
    // table's rows exactly as ingest encodes them.
    const lines = bodies.flatMap((b) => b.split("\n"));
    const normalized = lines.map((line) => {
      const r = normalizeEvent(JSON.parse(line));
      if (!r.ok) throw new Error(r.reason);
      return r.event;
    });
    const eventRows = normalized.map((e) => toCopyRow(e));
    const bareRows = normalized.map(bareRow);
    const keyRows = normalized.map((e) => `${esc(e.columns.eventId!)}\t2026-12-01 00:00:00+00`);

    const client = new pg.Client({ connectionString: env.url });
    await client.connect();
    await createBareEventsTable(client);
    const indexes = await eventSecondaryIndexes(client);

    // The clients run on the same cores as the server: node:http over kept-alive connections with the
    // bodies encoded beforehand costs them a fraction of what fetch does (measured: "clients" below).
    const agent = new http.Agent({ keepAlive: true, maxSockets: C });
    const post = (body: string | Buffer) =>
      new Promise<{ ok: boolean; status: number; text: string }>((resolve, reject) => {
        const bytes = typeof body === "string" ? Buffer.from(body) : body;
        const req = http.request(`${env.appUrl}/api/v1/events`, {
          method: "POST",
          agent,
          headers: { authorization: `ApiKey ${env.ingestKey}`, "content-type": "application/x-ndjson", "content-length": bytes.length },
        }, (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ ok: res.statusCode! < 300, status: res.statusCode!, text: Buffer.concat(chunks).toString() }));
          res.on("error", reject);
        });
        req.on("error", reject);
        req.end(bytes);
      });
    const encoded = bodies.map((b) => Buffer.from(b));
    // Warm-up (not timed), as for any long-running server: the first request loads the route's code
    // and opens database connections, and the first thousands of events run before the JIT compiles.
    const warmup = [...generateEvents(2 * B, { planted: 0, expectedAlerts: 0 }, { seed: 7 })].map((doc) =>
      JSON.stringify({ ...doc, event: { ...doc.event, id: `warmup-${doc.event.id}` } }),
    );
    for (const part of [warmup.slice(0, B), warmup.slice(B)]) {
      const res = await post(part.join("\n"));
      if (!res.ok || JSON.parse(res.text).accepted !== part.length) throw new Error(`warm-up failed: ${res.status}`);
    }

    const fig = { http: [] as number[], rss: [] as number[] };
    let storage: { name: string; bytes: number }[] = [];
    const copies = { copy: cost(), bare: cost(), claims: cost(), noSecondary: cost(), primaryKey: cost() };
    const cpu = { server: [] as number[], postgres: [] as number[], clients: [] as number[] };
    const without: Record<string, Cost> = Object.fromEntries(indexes.map((i) => [i, cost()]));

    for (let run = 1; run <= RUNS; run++) {
      await emptyTables(client, ["events", "event_keys"], { checkpoint: true });
      // HTTP ingest
      const rss = samplePeakRss(env.server!.pid!);
      const server0 = processCpuSeconds(env.server!.pid!);
      const postgresCpu = databaseCpu(client);
      await postgresCpu.start();
      const client0 = process.cpuUsage();
      let next = 0;
      let accepted = 0;
      const t0 = performance.now();
      await Promise.all(
        Array.from({ length: C }, async () => {
          while (next < encoded.length) {
            const res = await post(encoded[next++]);
            if (!res.ok) throw new Error(`ingest failed: ${res.status} ${res.text}`);
            const out = JSON.parse(res.text);
            accepted += out.accepted;
            if (out.rejected || out.duplicates) console.error(`batch: ${out.duplicates} duplicates, ${out.rejected} rejected: ${JSON.stringify(out.errors.slice(0, 2))}`);
          }
        }),
      );
      fig.http.push((performance.now() - t0) / 1000);
      cpu.server.push(processCpuSeconds(env.server!.pid!) - server0);
      cpu.postgres.push(await postgresCpu.stop());
      const c = process.cpuUsage(client0);
      cpu.clients.push((c.user + c.system) / 1e6);
      fig.rss.push(rss.stop());
      if (accepted !== N) throw new Error(`accepted ${accepted} of ${N}`);
      // Storage per event of what HTTP ingest wrote (the same every run, bar page splits).
      if (run === 1) storage = await eventStorageBytes(client);

      // COPY into the same table, every index.
      await emptyTables(client, ["events", "event_keys"]);
      const copySeconds = await copyRows(client, EVENT_COPY_SQL, eventRows, copies.copy);
      // The idempotency claims alone.
      await emptyTables(client, ["event_keys"]);
      await copyRows(client, "COPY event_keys (event_id, ingested_at) FROM STDIN", keyRows, copies.claims);
      // Bare COPY.
      await emptyTables(client, ["bare_events"]);
      const bareSeconds = await copyRows(client, "COPY bare_events (ts, host_id, category, doc) FROM STDIN", bareRows, copies.bare);
      // One index dropped at a time, then every secondary index; rolled back each time.
      for (const variant of ["events_pkey", ...indexes, "*"]) {
        const drop = variant === "events_pkey" ? "events_pkey" : variant === "*" ? indexes : [variant];
        await withoutEventIndexes(client, drop, async () => {
          await copyRows(client, EVENT_COPY_SQL, eventRows, variant === "*" ? copies.noSecondary : variant === "events_pkey" ? copies.primaryKey : without[variant]);
        });
      }
      console.error(`run ${run}: HTTP ${Math.round(N / fig.http[run - 1])}/s, COPY ${Math.round(N / copySeconds)}/s, bare ${Math.round(N / bareSeconds)}/s`);
    }
    agent.destroy();
    await client.end();

    const rate = (seconds: number[]) => N / median(seconds);
    const httpRate = rate(fig.http);
    const copyRate = rate(copies.copy.time);
    const bareRate = rate(copies.bare.time);
    const us = (seconds: number) => ((seconds * 1e6) / N).toFixed(1);
    const fmt = (r: number) => Math.round(r).toLocaleString("en");
    // "time µs / CPU µs" per event of a COPY, or the difference between two.
    const both = (a: Cost, b?: Cost) =>
      `${us(median(a.time) - (b ? median(b.time) : 0))} / ${us(median(a.cpu) - (b ? median(b.cpu) : 0))} µs`;
    console.log(`HTTP ingest : ${fmt(httpRate)} events/s (${median(fig.http).toFixed(1)} s)`);
    console.log(`COPY        : ${fmt(copyRate)} events/s into the events table, every index`);
    console.log(`bare COPY   : ${fmt(bareRate)} events/s into (ts, host_id, category, doc) with one (host_id, ts) index`);
    console.log(`ratio       : ${((httpRate / copyRate) * 100).toFixed(0)}% of COPY, ${(httpRate / bareRate).toFixed(2)} of the bare COPY`);
    console.log(`costs per event (COPY time / its backend's CPU, median of ${RUNS}): events table ${both(copies.copy)}, bare ${both(copies.bare)}`);
    console.log(`  primary key (seq, ingested_at): ${both(copies.copy, copies.primaryKey)}`);
    for (const idx of indexes) console.log(`  index ${idx}: ${both(copies.copy, without[idx])}`);
    console.log(`  every secondary index together: ${both(copies.copy, copies.noSecondary)}; the table without them: ${both(copies.noSecondary)}`);
    console.log(`  idempotency claims (COPY into event_keys): ${both(copies.claims)}`);
    console.log(`storage per event (after HTTP ingest): ${storage.map((s) => `${s.name} ${Math.round(s.bytes / N)} B`).join(", ")}`);
    console.log(`server RSS  : peak ${median(fig.rss).toFixed(0)} MB`);
    console.log(
      `CPU per event: HTTP ingest: web server ${us(median(cpu.server))} µs, PostgreSQL ${us(median(cpu.postgres))} µs, ` +
        `clients ${us(median(cpu.clients))} µs; COPY: PostgreSQL ${us(median(copies.copy.cpu))} µs (${os.cpus().length} cores)`,
    );
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
