import { env } from "../env";
import { AppError } from "../http/errors";

/**
 * A process-wide budget of request-body bytes held in memory at once (INGEST_INFLIGHT_MB). Every
 * ingest request reserves what it will hold before it reads: POST /api/v1/events its body (declared
 * length, or grown as a chunked body arrives), the Elasticsearch `_bulk` route one window. Beyond the
 * budget the request is answered 503 with Retry-After at once, its body unread, so concurrent large
 * bodies cannot grow the server's memory without bound.
 */
let inUse = 0;

export const INFLIGHT_RETRY_AFTER_SECONDS = 1;

export function inflightBytesInUse(): number {
  return inUse;
}

export class InflightReservation {
  private held = 0;
  private released = false;

  /** Grows the reservation to `bytes` (no-op when it already holds that much); false when the budget cannot cover it. */
  tryGrow(bytes: number): boolean {
    if (this.released) return false;
    const more = bytes - this.held;
    if (more <= 0) return true;
    if (inUse + more > budgetBytes()) return false;
    inUse += more;
    this.held = bytes;
    return true;
  }

  grow(bytes: number): void {
    if (!this.tryGrow(bytes)) throw busy();
  }

  release(): void {
    if (this.released) return;
    this.released = true;
    inUse -= this.held;
    this.held = 0;
  }
}

/** Reserves `bytes` of the budget, or throws the 503 that tells the client to retry. */
export function reserveInflight(bytes: number): InflightReservation {
  const r = new InflightReservation();
  r.grow(bytes);
  return r;
}

function budgetBytes(): number {
  return env().INGEST_INFLIGHT_MB * 1024 * 1024;
}

export function busy(): AppError {
  return new AppError(
    "unavailable",
    `The server is holding ${env().INGEST_INFLIGHT_MB} MB of request bodies (INGEST_INFLIGHT_MB); retry shortly`,
    undefined,
    INFLIGHT_RETRY_AFTER_SECONDS,
  );
}
