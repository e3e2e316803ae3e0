import { createReadStream, statSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { ingestDocuments, type IncomingDocument } from "../../ingest/ingest-documents";
import { parserFor } from "../../ingest/files/parser-for";
import type { EventFileItem } from "../../ingest/files/types";

/**
 * `import FILE...`: reads .json/.ndjson/.jsonl/.xml files (and those inside .zip/.gz), ECS or raw
 * Sysmon/Windows alike, through the same ingest function as the HTTP API (same normalization,
 * same idempotency), in batches, with a progress line (events/s, ETA by bytes read) on stderr.
 * Exit code 0 when every document was stored or already present, 1 when some were rejected.
 */
const BATCH = 5000;

export async function importCommand(argv: string[]): Promise<number> {
  const { positionals } = parseArgs({ args: argv, allowPositionals: true, options: {} });
  if (!positionals.length) {
    console.error("Usage: npm run cli -- import FILE...");
    return 2;
  }
  const totalBytes = positionals.reduce((sum, f) => sum + safeSize(f), 0);
  const totals = { read: 0, accepted: 0, duplicates: 0, rejected: 0 };
  const errors: string[] = [];
  const started = Date.now();
  let bytesRead = 0;
  let lastDraw = 0;
  const tty = process.stderr.isTTY;

  const draw = (force = false) => {
    const now = Date.now();
    if (!force && now - lastDraw < (tty ? 200 : 5000)) return;
    lastDraw = now;
    const secs = (now - started) / 1000;
    const rate = totals.read / Math.max(secs, 0.001);
    const frac = totalBytes ? Math.min(1, bytesRead / totalBytes) : 0;
    const eta = frac > 0 ? Math.max(0, secs / frac - secs) : 0;
    const width = 24;
    const bar = "█".repeat(Math.round(frac * width)).padEnd(width, "░");
    const line = `${bar} ${(frac * 100).toFixed(0).padStart(3)}%  ${totals.read} events  ${Math.round(rate)} events/s  ETA ${eta.toFixed(0)} s`;
    process.stderr.write(tty ? `\r${line}` : `${line}\n`);
  };

  let batch: IncomingDocument[] = [];
  let batchSources: string[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const result = await ingestDocuments(batch);
    totals.accepted += result.accepted;
    totals.duplicates += result.duplicates;
    totals.rejected += result.rejected;
    for (const e of result.errors) if (errors.length < 20) errors.push(`${batchSources[e.index]}: ${e.reason}`);
    batch = [];
    batchSources = [];
  };
  const take = async (items: EventFileItem[]) => {
    for (const item of items) {
      totals.read++;
      const where = item.line === null ? item.source : `${item.source}:${item.line}`;
      batch.push(item.error !== undefined ? { parseError: item.error } : { doc: item.doc });
      batchSources.push(where);
      if (batch.length >= BATCH) await flush();
    }
    draw();
  };

  for (const file of positionals) {
    const parser = parserFor(path.basename(file), file);
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) {
        bytesRead += (chunk as Buffer).length;
        await take(parser.push(chunk as Buffer));
      }
    } catch (err) {
      await take([{ line: null, error: `cannot read ${file}: ${(err as Error).message}`, source: file }]);
      continue;
    }
    await take(parser.end());
  }
  await flush();
  draw(true);
  if (tty) process.stderr.write("\n");

  const secs = (Date.now() - started) / 1000;
  console.log(
    JSON.stringify({
      files: positionals.length,
      read: totals.read,
      accepted: totals.accepted,
      duplicates: totals.duplicates,
      rejected: totals.rejected,
      seconds: Number(secs.toFixed(2)),
      eventsPerSecond: Math.round(totals.read / Math.max(secs, 0.001)),
    }),
  );
  for (const e of errors) console.error(`rejected ${e}`);
  if (totals.rejected > errors.length) console.error(`… and ${totals.rejected - errors.length} more rejected`);
  return totals.rejected ? 1 : 0;
}

function safeSize(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
