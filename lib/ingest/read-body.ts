import { createGunzip } from "node:zlib";
import { pipeline, Readable } from "node:stream";
import { env } from "../env";
import { AppError } from "../http/errors";
import { reserveInflight, type InflightReservation } from "./inflight-budget";

/**
 * Request bodies, as bytes. The limit holds after gzip decompression too (a small gzip bomb is
 * refused the same way); a body whose declared length is over it is refused before it is read.
 * Every body held in memory counts against the in-flight budget (inflight-budget.ts).
 */
export interface BodyLimit {
  bytes: number;
  /** The error beyond the limit (413). */
  tooLarge: () => Error;
}

/** POST /api/v1/events: the whole body, up to INGEST_MAX_BODY_MB. */
export function ingestBodyLimit(): BodyLimit {
  const mb = env().INGEST_MAX_BODY_MB;
  return {
    bytes: mb * 1024 * 1024,
    tooLarge: () => new AppError("payload_too_large", `Request body exceeds the ${mb} MB limit (INGEST_MAX_BODY_MB); split it into smaller batches`),
  };
}

/** Reads the whole body (413 beyond the limit; 503 when the in-flight budget cannot hold it). */
export async function readBody(req: Request, limit: BodyLimit = ingestBodyLimit()): Promise<Buffer> {
  const declared = declaredLength(req);
  if (!isGzip(req) && declared > limit.bytes) throw limit.tooLarge();
  if (!req.body) return Buffer.alloc(0);
  const reservation = reserveInflight(Math.min(declared, limit.bytes));
  try {
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of bodyChunks(req)) {
      size += chunk.length;
      if (size > limit.bytes) throw limit.tooLarge();
      reservation.grow(size);
      chunks.push(chunk);
    }
    return Buffer.concat(chunks);
  } finally {
    reservation.release();
  }
}

/**
 * Reads the body in windows of about `windowBytes`, each ending at a newline (the last one may
 * not), so NDJSON can be processed window by window with memory bounded by the window, whatever
 * the body's size. The window is reserved from the in-flight budget for the whole read (503 when it
 * cannot be). A line longer than a window makes its window longer (up to the limit).
 */
export async function* bodyWindows(req: Request, limit: BodyLimit, windowBytes: number): AsyncGenerator<Buffer> {
  const declared = declaredLength(req);
  if (!isGzip(req) && declared > limit.bytes) throw limit.tooLarge();
  if (!req.body) return;
  const reservation = reserveInflight(isGzip(req) || declared === 0 ? windowBytes : Math.min(declared, windowBytes));
  try {
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    let total = 0;
    for await (const chunk of bodyChunks(req)) {
      total += chunk.length;
      if (total > limit.bytes) throw limit.tooLarge();
      pending.push(chunk);
      pendingBytes += chunk.length;
      if (pendingBytes < windowBytes) continue;
      reservation.grow(pendingBytes);
      const joined = Buffer.concat(pending, pendingBytes);
      const cut = joined.lastIndexOf(0x0a);
      if (cut < 0) {
        pending = [joined];
        continue;
      }
      const rest = joined.subarray(cut + 1);
      pending = rest.length ? [Buffer.from(rest)] : [];
      pendingBytes = rest.length;
      yield joined.subarray(0, cut + 1);
    }
    if (pendingBytes) yield Buffer.concat(pending, pendingBytes);
  } finally {
    reservation.release();
  }
}

function declaredLength(req: Request): number {
  const n = Number(req.headers.get("content-length") ?? "0");
  return Number.isFinite(n) && n > 0 ? n : 0;
}

function isGzip(req: Request): boolean {
  return /gzip/i.test(req.headers.get("content-encoding") ?? "");
}

async function* bodyChunks(req: Request): AsyncGenerator<Buffer> {
  const raw = Readable.fromWeb(req.body as import("node:stream/web").ReadableStream<Uint8Array>);
  let source: Readable = raw;
  if (isGzip(req)) {
    const gunzip = createGunzip();
    // pipeline, not pipe: a failed upload fails the decompressed stream too instead of leaving it open.
    pipeline(raw, gunzip, () => undefined);
    source = gunzip;
  }
  try {
    for await (const chunk of source) yield Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw new AppError("bad_request", `Could not read the request body: ${(err as Error).message}`);
  } finally {
    source.destroy();
    raw.destroy();
  }
}

export type { InflightReservation };
