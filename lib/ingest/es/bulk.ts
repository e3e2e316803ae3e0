import crypto from "node:crypto";
import { isDatabaseUnavailable } from "../../http/errors";
import { ingestDocuments, type IncomingDocument, type ItemOutcome } from "../ingest-documents";
import { bodyLines } from "../parse-documents";
import { type BulkAction, BulkSyntaxError, type ItemError, parseAction } from "./bulk-action";
import { SHARDS } from "./responses";

/**
 * The Elasticsearch `_bulk` API as shippers use it, read and ingested window by window (see
 * bodyWindows): NDJSON pairs of an action line (`index` or `create`, with optional `_index` and
 * `_id`) and a source line. Each window's documents go through ingestDocuments (one transaction
 * per window), so memory is bounded by the window, not by the body.
 *
 * Per item, as Elasticsearch answers: 201 created; a document whose duplicate key (its `_id`, else
 * its event.id, else the key of a raw Windows record) is already stored answers 409
 * version_conflict_engine_exception for `create` and 200 "noop" for `index` (Elasticsearch would
 * overwrite; events here are immutable), naming that key as `_id`; 400 for a document or action
 * it cannot take, that item alone. `errors` is true when any item failed.
 */
export interface BulkAnswer {
  took: number;
  errors: boolean;
  /** The items' JSON, comma-separated within a chunk, one chunk per window (bytes, off the heap). */
  itemChunks: Buffer[];
  count: number;
}

type Slot = { action: BulkAction; error: ItemError } | { action: BulkAction; doc: number };

const MALFORMED = (line: number | undefined, message: string) => `[${line}:1] failed to parse: ${message}`;
const UNAVAILABLE: ItemError = { status: 503, type: "unavailable_shards_exception", reason: "the event store is unavailable; retry" };

export async function handleBulk(windows: AsyncIterable<Buffer>, pathIndex: string | undefined): Promise<BulkAnswer> {
  const started = Date.now();
  const answer: BulkAnswer = { took: 0, errors: false, itemChunks: [], count: 0 };
  let lineNumber = 0;
  let pending: { action: BulkAction; line: number } | null = null;
  let stored = false;
  let unavailable = false;

  for await (const window of windows) {
    const slots: Slot[] = [];
    const docs: IncomingDocument[] = [];
    const lines = bodyLines(window);
    // A window ends with a newline, so its last "line" is the empty rest (not a line of the body).
    const count = window[window.length - 1] === 0x0a ? lines.length - 1 : lines.length;
    for (let k = 0; k < count; k++) {
      lineNumber++;
      const line = lines[k].trim();
      if (!line) continue;
      if (!pending) {
        let action: BulkAction;
        try {
          action = parseAction(line, lineNumber, pathIndex);
        } catch (err) {
          // Nothing stored yet: refused whole, as Elasticsearch does. Later, earlier windows are committed.
          if (err instanceof BulkSyntaxError && stored) err.message += " (the windows before this line were stored)";
          throw err;
        }
        if (action.op === "delete") slots.push({ action, error: action.error! });
        else pending = { action, line: lineNumber };
        continue;
      }
      const { action } = pending;
      pending = null;
      if (action.error) slots.push({ action, error: action.error });
      else if (unavailable) slots.push({ action, error: UNAVAILABLE });
      else {
        slots.push({ action, doc: docs.length });
        docs.push({ json: line, line: lineNumber, index: action.index, bulkId: action.id ?? undefined });
      }
    }
    let outcomes: ItemOutcome[] = [];
    if (docs.length) {
      try {
        outcomes = (await ingestDocuments(docs, { malformed: MALFORMED })).items;
        stored = true;
      } catch (err) {
        // Nothing acknowledged is lost: before any window was stored the request fails whole (503);
        // after, this window's items and every later one answer 503 each, the stored ones 201.
        if (!stored || !isDatabaseUnavailable(err)) throw err;
        unavailable = true;
        outcomes = docs.map(() => ({ status: "rejected", reason: "" }));
      }
    }
    const parts: string[] = [];
    for (const slot of slots) {
      const item = "error" in slot ? errorItem(slot.action, slot.error) : unavailable ? errorItem(slot.action, UNAVAILABLE) : outcomeItem(slot.action, outcomes[slot.doc]);
      if (item.failed) answer.errors = true;
      parts.push(item.json);
    }
    if (parts.length) {
      answer.itemChunks.push(Buffer.from(parts.join(","), "utf8"));
      answer.count += parts.length;
    }
  }
  if (pending) {
    const item = errorItem(pending.action, { status: 400, type: "action_request_validation_exception", reason: `Validation Failed: 1: the action on line [${pending.line}] has no source line;` });
    answer.errors = true;
    answer.itemChunks.push(Buffer.from(item.json, "utf8"));
    answer.count++;
  }
  answer.took = Date.now() - started;
  return answer;
}

/** The answer's body, streamed from the item chunks: `{"took","errors","items":[...]}`. */
export function bulkAnswerBody(answer: BulkAnswer): ReadableStream<Uint8Array> {
  const parts: Buffer[] = [Buffer.from(`{"took":${answer.took},"errors":${answer.errors},"items":[`)];
  answer.itemChunks.forEach((chunk, i) => {
    if (i) parts.push(Buffer.from(","));
    parts.push(chunk);
  });
  parts.push(Buffer.from("]}"));
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (next < parts.length) controller.enqueue(new Uint8Array(parts[next++]));
      else controller.close();
    },
  });
}

function errorItem(a: BulkAction, error: ItemError) {
  const body = { _index: a.index, _id: a.id, status: error.status, error: { type: error.type, reason: error.reason } };
  return { failed: true, json: JSON.stringify({ [a.op]: body }) };
}

function outcomeItem(a: BulkAction, outcome: ItemOutcome) {
  if (outcome.status === "rejected") {
    return errorItem(a, { status: 400, type: "document_parsing_exception", reason: outcome.reason });
  }
  // The id the document is (or was) stored under: its _id, else its duplicate key, else a generated one.
  const id = a.id ?? outcome.eventId ?? randomId();
  const base = { _index: a.index, _id: id };
  if (outcome.status === "duplicate") {
    if (a.op === "create") {
      const error = { type: "version_conflict_engine_exception", reason: `[${id}]: version conflict, document already exists (current version [1])`, index: a.index };
      return { failed: true, json: JSON.stringify({ create: { ...base, status: 409, error } }) };
    }
    return { failed: false, json: JSON.stringify({ index: { ...base, _version: 1, result: "noop", _shards: SHARDS, status: 200 } }) };
  }
  return { failed: false, json: JSON.stringify({ [a.op]: { ...base, _version: 1, result: "created", _shards: SHARDS, _seq_no: 0, _primary_term: 1, status: 201 } }) };
}

export function randomId(): string {
  return crypto.randomBytes(15).toString("base64url");
}

export { BulkSyntaxError };
