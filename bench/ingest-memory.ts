import http from "node:http";
import { parseArgs } from "node:util";
import { benchEnvironment, rssMb, samplePeakRss, startAppServer } from "./lib/environment";
import { generateEvents } from "./lib/generate-events";

/**
 * `npm run bench:ingest-memory [-- --concurrent 128 --body-mb 9.8 --bulk-mb 99]`: the web server's
 * memory under large bodies.
 * 1. One `_bulk` body of ~99 MB (generated ECS events, `create` actions) to /api/es/_bulk: it is read
 *    and ingested in 8 MB windows; prints the server's RSS before and its peak during the request.
 * 2. `--concurrent` bodies of `--body-mb` MB at once to POST /api/v1/events, first with the default
 *    in-flight budget (INGEST_INFLIGHT_MB), then against a second server with the budget lifted
 *    (the baseline, measured in the same run): answers by status and each server's peak RSS.
 */
const { values } = parseArgs({
  options: { concurrent: { type: "string", default: "128" }, "body-mb": { type: "string", default: "9.8" }, "bulk-mb": { type: "string", default: "99" } },
});
const CONCURRENT = Number(values.concurrent);
const BODY_BYTES = Math.floor(Number(values["body-mb"]) * 1024 * 1024);
const BULK_BYTES = Math.floor(Number(values["bulk-mb"]) * 1024 * 1024);

function post(url: string, path: string, key: string, body: Buffer, type: string) {
  const u = new URL(url);
  return new Promise<{ status: number; body: string }>((resolveOnce, reject) => {
    let done = false;
    const resolve = (r: { status: number; body: string }) => {
      if (!done) resolveOnce(r);
      done = true;
    };
    const req = http.request(
      // A fresh connection per request (agent: false): a kept-alive one may have been closed by the server meanwhile.
      { host: u.hostname, port: u.port, method: "POST", path, agent: false, headers: { authorization: `ApiKey ${key}`, "content-type": type, "content-length": String(body.length) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, body: Buffer.concat(chunks).toString("utf8") }));
      },
    );
    // A refused request (503, 413) is answered before its body is sent, and the connection closed:
    // the answer may arrive before or after the write fails.
    req.on("error", (err) => {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === "ECONNRESET" || code === "EPIPE") setTimeout(() => resolve({ status: 0, body: code }), 1000);
      else reject(err);
    });
    req.end(body);
  });
}


/** NDJSON of generated events up to `bytes` (bulk: with an action line before each). */
function body(bytes: number, opts: { bulk: boolean; seed: number; prefix: string }): { body: Buffer; docs: number } {
  const parts: string[] = [];
  let size = 0;
  let docs = 0;
  for (const doc of generateEvents(10_000_000, { planted: 0, expectedAlerts: 0 }, { seed: opts.seed })) {
    const source = JSON.stringify({ ...doc, event: { ...doc.event, id: `${opts.prefix}-${doc.event.id}` } }) + "\n";
    const line = opts.bulk ? `{"create":{"_index":"logs-endpoint.events.process-default"}}\n${source}` : source;
    if (size + line.length > bytes) break;
    parts.push(line);
    size += line.length;
    docs++;
  }
  return { body: Buffer.from(parts.join("")), docs };
}

async function concurrentBodies(appUrl: string, pid: number, key: string, payload: Buffer) {
  const rss = samplePeakRss(pid);
  const t0 = performance.now();
  const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => post(appUrl, "/api/v1/events", key, payload, "application/x-ndjson")));
  const seconds = (performance.now() - t0) / 1000;
  const byStatus: Record<number, number> = {};
  for (const a of answers) byStatus[a.status] = (byStatus[a.status] ?? 0) + 1;
  return { peak: rss.stop(), byStatus, seconds };
}

async function main() {
  const env = await benchEnvironment({ app: true });
  try {
    const pid = env.server!.pid!;
    // Warm-up (not timed): the routes' code is loaded and connections opened.
    const warm = body(1024 * 1024, { bulk: true, seed: 3, prefix: "warm" });
    if ((await post(env.appUrl!, "/api/es/_bulk", env.ingestKey!, warm.body, "application/x-ndjson")).status !== 200) throw new Error("warm-up failed");

    const bulk = body(BULK_BYTES, { bulk: true, seed: 11, prefix: "bulk" });
    console.error(`sending a _bulk body of ${bulk.body.length} bytes…`);
    const before = rssMb(pid);
    const rss = samplePeakRss(pid);
    const t0 = performance.now();
    const answer = await post(env.appUrl!, "/api/es/_bulk", env.ingestKey!, bulk.body, "application/x-ndjson");
    const seconds = (performance.now() - t0) / 1000;
    const peak = rss.stop();
    if (answer.status !== 200) throw new Error(`100 MB bulk failed after ${seconds.toFixed(1)} s: ${answer.status} ${answer.body.slice(0, 300)}`);
    const parsed = JSON.parse(answer.body) as { errors: boolean; items: unknown[] };
    if (answer.status !== 200 || parsed.errors || parsed.items.length !== bulk.docs) throw new Error(`100 MB bulk failed: ${answer.status} ${answer.body.slice(0, 300)}`);
    console.log(
      `_bulk of ${(bulk.body.length / 1024 / 1024).toFixed(1)} MB (${bulk.docs.toLocaleString("en")} documents): ${seconds.toFixed(1)} s, ` +
        `${Math.round(bulk.docs / seconds).toLocaleString("en")} docs/s; server RSS ${before.toFixed(0)} MB before, peak ${peak.toFixed(0)} MB`,
    );

    const payload = body(BODY_BYTES, { bulk: false, seed: 5, prefix: "conc" });
    const budgeted = await concurrentBodies(env.appUrl!, pid, env.ingestKey!, payload.body);
    const unbounded = await startAppServer(env.url, { INGEST_INFLIGHT_MB: "1000000" });
    let baseline: Awaited<ReturnType<typeof concurrentBodies>>;
    try {
      baseline = await concurrentBodies(unbounded.appUrl, unbounded.server.pid!, env.ingestKey!, payload.body);
    } finally {
      await unbounded.stop();
    }
    const mb = (payload.body.length / 1024 / 1024).toFixed(1);
    console.log(`${CONCURRENT} concurrent bodies of ${mb} MB to POST /api/v1/events:`);
    console.log(`  in-flight budget (default INGEST_INFLIGHT_MB): answers ${JSON.stringify(budgeted.byStatus)}, peak RSS ${budgeted.peak.toFixed(0)} MB, ${budgeted.seconds.toFixed(1)} s`);
    console.log(`  budget lifted (baseline, same run):            answers ${JSON.stringify(baseline.byStatus)}, peak RSS ${baseline.peak.toFixed(0)} MB, ${baseline.seconds.toFixed(1)} s`);
    console.log(`  peak RSS ratio: ${(budgeted.peak / baseline.peak).toFixed(2)} of the baseline`);
  } finally {
    await env.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
