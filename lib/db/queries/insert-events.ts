import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { once } from "node:events";
import { columnKey, EVENT_COLUMNS, type ColumnType } from "../../ecs/columns";
import type { NormalizedEvent } from "../../ecs/types";

/**
 * Bulk insert of normalized events with COPY (text format), inside the caller's transaction.
 * The typed columns are EVENT_COLUMNS' (lib/ecs/columns.ts, the one list), in its order, then
 * `detectable`, `enrichments` and `doc`. NULL is \N; backslash, newline, carriage return and tab are
 * escaped (JSON text never holds raw newlines or tabs, so a document usually needs only its
 * backslashes doubled).
 */
const SPECIAL = /[\\\n\r\t]/;
const SPECIAL_ALL = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t" };

function esc(value: string): string {
  return SPECIAL.test(value) ? value.replace(SPECIAL_ALL, (c) => ESCAPES[c]) : value;
}

/** JSON text holds no raw newline, carriage return or tab (JSON.stringify escapes them): only backslashes need doubling. */
function escJson(json: string): string {
  return json.includes("\\") ? json.replaceAll("\\", "\\\\") : json;
}

function text(v: string | null): string {
  return v === null ? "\\N" : esc(v);
}

function num(v: number | null): string {
  return v === null ? "\\N" : String(v);
}

const ARRAY_QUOTED = /[\\"]/g;

function arr(values: string[]): string {
  // A PostgreSQL array literal, then escaped for the text format.
  let out = "{";
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    out += `${i ? "," : ""}"${v.includes("\\") || v.includes('"') ? v.replace(ARRAY_QUOTED, "\\$&") : v}"`;
  }
  return esc(out + "}");
}

const NO_ENRICHMENTS = "[]";

const ENCODE: Record<ColumnType, (v: unknown) => string> = {
  date: (v) => v as string, // already canonical ISO 8601: nothing to escape
  keyword: (v) => text(v as string | null),
  ip: (v) => text(v as string | null),
  long: (v) => num(v as number | null),
  "keyword[]": (v) => arr(v as string[]),
};

// Computed once: every ingested event goes through these.
const TYPED = Object.values(EVENT_COLUMNS).map(({ column, type }) => ({ column, key: columnKey(column), encode: ENCODE[type] }));

export const EVENT_COPY_COLUMNS = [...TYPED.map((c) => c.column), "detectable", "enrichments", "doc"];
export const EVENT_COPY_SQL = `COPY events (${EVENT_COPY_COLUMNS.join(", ")}) FROM STDIN`;

export function toCopyRow(e: NormalizedEvent): string {
  const c = e.columns as unknown as Record<string, unknown>;
  let row = "";
  for (let i = 0; i < TYPED.length; i++) row += TYPED[i].encode(c[TYPED[i].key]) + "\t";
  return (
    row +
    (e.detectable ? "t" : "f") + "\t" + (e.enrichments.length ? escJson(JSON.stringify(e.enrichments)) : NO_ENRICHMENTS) + "\t" +
    escJson(JSON.stringify(e.doc))
  );
}

/**
 * The COPY rows of one request, encoded (UTF-8) into one growing buffer as the events are
 * normalized: a request then holds its rows as bytes outside the JavaScript heap instead of every
 * normalized document (or row string), and the COPY sends slices of the buffer as they are.
 */
export class EventRows {
  private buf: Buffer;
  private length = 0;
  /** Row k is the bytes [ends[k - 1] ?? 0, ends[k]) of the buffer, its newline included. */
  private readonly ends: number[] = [];

  constructor(expectedRows = 0) {
    this.buf = Buffer.allocUnsafe(Math.max(64 * 1024, expectedRows * 768));
  }

  get count(): number {
    return this.ends.length;
  }

  /** Encodes an event and returns its row number. */
  add(e: NormalizedEvent): number {
    const row = toCopyRow(e);
    // A UTF-16 code unit takes at most 3 bytes in UTF-8; one more for the newline.
    const need = this.length + row.length * 3 + 1;
    if (need > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(need, this.buf.length * 2));
      this.buf.copy(bigger, 0, 0, this.length);
      this.buf = bigger;
    }
    this.length += this.buf.write(row, this.length, "utf8");
    this.buf[this.length++] = 0x0a;
    this.ends.push(this.length);
    return this.ends.length - 1;
  }

  /** The bytes of the rows kept by `keep`, as contiguous slices of at most about `max` bytes. */
  *slices(keep: (row: number) => boolean, max = 256 * 1024): Generator<Buffer> {
    let from = -1;
    for (let k = 0; k < this.ends.length; k++) {
      const start = k ? this.ends[k - 1] : 0;
      if (!keep(k)) {
        if (from >= 0) yield this.buf.subarray(from, start);
        from = -1;
        continue;
      }
      if (from < 0) from = start;
      if (this.ends[k] - from >= max) {
        yield this.buf.subarray(from, this.ends[k]);
        from = -1;
      }
    }
    if (from >= 0) yield this.buf.subarray(from, this.length);
  }
}

/** COPYs the rows kept by `keep` into `events`, honouring the connection's backpressure. */
export async function copyEventRows(client: pg.PoolClient, rows: EventRows, keep: (row: number) => boolean = () => true) {
  const stream = client.query(copyFrom(EVENT_COPY_SQL));
  const done = once(stream, "finish");
  // An error rejects `done` (and stops the writing below) whether or not it is being awaited yet.
  done.catch(() => undefined);
  for (const slice of rows.slices(keep)) {
    if (!stream.write(slice)) await Promise.race([once(stream, "drain"), done]);
  }
  stream.end();
  await done;
}

/**
 * Opens an ingest transaction holding the ingest advisory lock in shared mode, and a savepoint
 * before the idempotency keys are claimed (one round trip). Returns the transaction's now() as
 * PostgreSQL prints it, which the keys are stored with.
 */
export async function beginIngest(client: pg.PoolClient, lockKey: number): Promise<string> {
  const results = (await client.query(
    `BEGIN; SELECT pg_advisory_xact_lock_shared(${Math.trunc(lockKey)}), now()::text AS now; SAVEPOINT claim_event_keys`,
  )) as unknown as pg.QueryResult[];
  return results[1].rows[0].now as string;
}

/** Commits an ingest transaction, telling listeners (the worker) that events arrived when some did. */
export async function commitIngest(client: pg.PoolClient, notify: boolean) {
  await client.query(notify ? "NOTIFY lateral_events; COMMIT" : "COMMIT");
}

const UNIQUE_VIOLATION = "23505";

/**
 * Claims idempotency keys (stored with `now`, the transaction's now() from beginIngest, right after
 * its savepoint); returns the ones that were new (the others were stored before). The usual case,
 * keys never seen, is one COPY; a key already stored (or being stored by a concurrent request,
 * whose outcome COPY waits for like any insert) fails it with a unique violation, and then, back
 * at the savepoint, an insert that skips the existing keys tells which are new.
 */
export async function claimEventIds(client: pg.PoolClient, ids: string[], now: string): Promise<Set<string>> {
  if (!ids.length) return new Set();
  try {
    const stream = client.query(copyFrom("COPY event_keys (event_id, ingested_at) FROM STDIN"));
    const done = once(stream, "finish");
    const suffix = "\t" + esc(now) + "\n";
    let chunk = "";
    for (const id of ids) chunk += esc(id) + suffix;
    stream.end(chunk);
    await done;
    return new Set(ids);
  } catch (err) {
    if ((err as { code?: string }).code !== UNIQUE_VIOLATION) throw err;
  }
  await client.query("ROLLBACK TO SAVEPOINT claim_event_keys");
  const { rows } = await client.query(
    `INSERT INTO event_keys (event_id, ingested_at) SELECT unnest($1::text[]), $2::timestamptz
     ON CONFLICT (event_id) DO NOTHING RETURNING event_id`,
    [ids, now],
  );
  return new Set(rows.map((r) => r.event_id as string));
}
