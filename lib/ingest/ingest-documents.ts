import { pool } from "../db/client";
import { ensureCurrentPartitions } from "../db/partitions";
import { claimEventIds, copyEvents } from "../db/queries/insert-events";
import { normalizeEvent } from "../ecs/normalize";
import type { NormalizedEvent } from "../ecs/types";

/**
 * The one ingest function behind POST /api/v1/events, the Elasticsearch `_bulk` route and the
 * import CLI. Each document is normalized on its own (a bad one is rejected with its reason, the
 * others go on); everything accepted is written in ONE transaction, so a request is stored whole
 * or not at all. Documents with an event.id (or a bulk `_id`) are stored once: a resend is a
 * duplicate, not an error.
 */
export interface IncomingDocument {
  /** Handed over: normalization may change it in place (callers pass freshly parsed documents). */
  doc?: unknown;
  /** Set when the document could not even be parsed (malformed JSON line). */
  parseError?: string;
  index?: string;
  bulkId?: string;
}

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

/** Ingest transactions hold this advisory lock in shared mode; the detection worker takes it
 * exclusively for an instant to learn which ingest sequence numbers are all committed. */
export const INGEST_LOCK = 7_415_001;

export async function ingestDocuments(docs: IncomingDocument[], opts: { now?: Date } = {}): Promise<IngestSummary> {
  const items: ItemOutcome[] = new Array(docs.length);
  const normalized: { i: number; event: NormalizedEvent }[] = [];
  const seenInBatch = new Set<string>();
  docs.forEach((d, i) => {
    if (d.parseError) return void (items[i] = { status: "rejected", reason: d.parseError });
    const r = normalizeEvent(d.doc, { index: d.index, bulkId: d.bulkId, now: opts.now, inputIsOwned: true });
    if (!r.ok) return void (items[i] = { status: "rejected", reason: r.reason });
    const id = r.event.columns.eventId;
    if (id !== null) {
      if (seenInBatch.has(id)) return void (items[i] = { status: "duplicate", eventId: id });
      seenInBatch.add(id);
    }
    normalized.push({ i, event: r.event });
  });

  if (normalized.length) await store(normalized, items);
  return summarize(items);
}

async function store(normalized: { i: number; event: NormalizedEvent }[], items: ItemOutcome[]) {
  const p = pool();
  await ensureCurrentPartitions(p);
  const client = await p.connect();
  try {
    await client.query("BEGIN");
    await client.query("SELECT pg_advisory_xact_lock_shared($1)", [INGEST_LOCK]);
    const ids = normalized.map((n) => n.event.columns.eventId).filter((x): x is string => x !== null);
    const fresh = await claimEventIds(client, ids);
    const toInsert: NormalizedEvent[] = [];
    const outcomes: [number, ItemOutcome][] = [];
    for (const n of normalized) {
      const id = n.event.columns.eventId;
      if (id !== null && !fresh.has(id)) {
        outcomes.push([n.i, { status: "duplicate", eventId: id }]);
      } else {
        toInsert.push(n.event);
        outcomes.push([n.i, { status: "accepted", eventId: id }]);
      }
    }
    await copyEvents(client, toInsert);
    if (toInsert.length) await client.query("NOTIFY lateral_events");
    await client.query("COMMIT");
    for (const [i, o] of outcomes) items[i] = o;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
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
