import { pool } from "../db/client";
import { env } from "../env";
import { INGEST_LOCK } from "../db/locks";
import { ensureCurrentPartitions } from "../db/partitions";
import { beginIngest, claimEventIds, commitIngest, copyEventRows, EventRows } from "../db/queries/insert-events";
import { normalizeEvent } from "../ecs/normalize";

/**
 * The one ingest function behind POST /api/v1/events, the Elasticsearch `_bulk` route and the
 * import CLI. Each document is normalized on its own (a bad one is rejected with its reason, the
 * others go on); everything accepted is written in ONE transaction, so a request is stored whole
 * or not at all. A document is stored once per key — its bulk `_id` when given, else its event.id,
 * else the key derived from a raw Windows record — so a resend is a duplicate, not an error.
 *
 * Each document is parsed (when it comes as JSON text), normalized and encoded as a COPY row in one
 * go, so a request holds only its rows, never every parsed document at once; the transaction
 * starts once every row is ready, and is then pure database work.
 */
export interface IncomingDocument {
  /** Handed over: normalization may change it in place (callers pass freshly parsed documents). */
  doc?: unknown;
  /** The document as JSON text, parsed when it is ingested; a malformed one is rejected naming `line`. */
  json?: string;
  /** The line of the body `json` comes from (1-based), for the rejection reason. */
  line?: number;
  /** Set when the document could not even be parsed (malformed JSON line). */
  parseError?: string;
  index?: string;
  /** The bulk action's `_id` (already checked): the document's duplicate key, ahead of event.id. */
  bulkId?: string;
}

/** `eventId` is the document's duplicate key (see ingestDocuments), null when it has none. */
export type ItemOutcome =
  | { status: "accepted"; eventId: string | null }
  | { status: "duplicate"; eventId: string }
  | { status: "rejected"; reason: string };

export interface IngestSummary {
  accepted: number;
  duplicates: number;
  rejected: number;
  errors: { index: number; reason: string }[];
  items: ItemOutcome[];
}

/** A normalized document ready to store: its item index and idempotency key (its row in EventRows has its position in the list). */
interface Encoded {
  i: number;
  eventId: string | null;
}

export interface IngestOptions {
  /** Clock, for tests. */
  now?: Date;
  /** The rejection reason of a malformed `json` document (the Elasticsearch API words it its own way). */
  malformed?: (line: number | undefined, message: string) => string;
}

const malformedLine = (line: number | undefined, message: string) => `line ${line}: malformed JSON (${message})`;

export async function ingestDocuments(docs: IncomingDocument[], opts: IngestOptions = {}): Promise<IngestSummary> {
  const malformed = opts.malformed ?? malformedLine;
  const items: ItemOutcome[] = new Array(docs.length);
  const encoded: Encoded[] = [];
  const rows = new EventRows(docs.length);
  const seenInBatch = new Set<string>();
  // One ingest time for the whole request (event.ingested), like the one transaction that stores it.
  const now = opts.now ?? new Date();
  for (let i = 0; i < docs.length; i++) {
    const d = docs[i];
    if (d.parseError) {
      items[i] = { status: "rejected", reason: d.parseError };
      continue;
    }
    let doc = d.doc;
    if (d.json !== undefined) {
      try {
        doc = JSON.parse(d.json);
      } catch (err) {
        items[i] = { status: "rejected", reason: malformed(d.line, (err as Error).message) };
        continue;
      }
    }
    const r = normalizeEvent(doc, { index: d.index, bulkId: d.bulkId, now, inputIsOwned: true });
    if (!r.ok) {
      items[i] = { status: "rejected", reason: r.reason };
      continue;
    }
    // The duplicate key: the bulk action's _id when given, else event.id (which normalization
    // derives for a raw Windows record from its computer, channel and record number).
    const id = d.bulkId ?? r.event.columns.eventId;
    if (id !== null) {
      if (seenInBatch.has(id)) {
        items[i] = { status: "duplicate", eventId: id };
        continue;
      }
      seenInBatch.add(id);
    }
    rows.add(r.event);
    encoded.push({ i, eventId: id });
  }

  if (encoded.length) await store(encoded, rows, items);
  return summarize(items);
}

/**
 * At most INGEST_WRITERS (2) ingest transactions of this process write at once. Concurrent COPYs into the same
 * partition and indexes cost PostgreSQL far more CPU per row (they contend for the same pages)
 * without storing faster; the other requests meanwhile parse, normalize and encode their rows.
 */
let writing = 0;
const waiting: (() => void)[] = [];

async function withWriter<T>(fn: () => Promise<T>): Promise<T> {
  if (writing >= env().INGEST_WRITERS) await new Promise<void>((resolve) => waiting.push(resolve));
  else writing++;
  try {
    return await fn();
  } finally {
    // The slot passes straight to the next waiter, if any.
    const next = waiting.shift();
    if (next) next();
    else writing--;
  }
}

async function store(encoded: Encoded[], rows: EventRows, items: ItemOutcome[]) {
  return withWriter(() => write(encoded, rows, items));
}

async function write(encoded: Encoded[], rows: EventRows, items: ItemOutcome[]) {
  const p = pool();
  await ensureCurrentPartitions(p);
  const client = await p.connect();
  try {
    const now = await beginIngest(client, INGEST_LOCK);
    const ids: string[] = [];
    for (const e of encoded) if (e.eventId !== null) ids.push(e.eventId);
    const fresh = await claimEventIds(client, ids, now);
    // Rows are numbered in the order of `encoded`.
    const outcomes: ItemOutcome[] = new Array(encoded.length);
    let accepted = 0;
    for (let k = 0; k < encoded.length; k++) {
      const { eventId } = encoded[k];
      if (eventId !== null && !fresh.has(eventId)) {
        outcomes[k] = { status: "duplicate", eventId };
      } else {
        outcomes[k] = { status: "accepted", eventId };
        accepted++;
      }
    }
    if (accepted) await copyEventRows(client, rows, (k) => outcomes[k].status === "accepted");
    await commitIngest(client, accepted > 0);
    for (let k = 0; k < encoded.length; k++) items[encoded[k].i] = outcomes[k];
  } catch (err) {
    // The connection is discarded, not rolled back: after a failed COPY or a lost server its state is
    // unknown, and PostgreSQL rolls back the transaction of a connection that closes.
    client.release(err as Error);
    throw err;
  }
  client.release();
}

function summarize(items: ItemOutcome[]): IngestSummary {
  const s: IngestSummary = { accepted: 0, duplicates: 0, rejected: 0, errors: [], items };
  items.forEach((o, index) => {
    if (o.status === "accepted") s.accepted++;
    else if (o.status === "duplicate") s.duplicates++;
    else {
      s.rejected++;
      s.errors.push({ index, reason: o.reason });
    }
  });
  return s;
}
