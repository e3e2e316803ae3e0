import crypto from "node:crypto";
import { ingestDocuments, type IncomingDocument } from "../ingest-documents";
import { bodyLines } from "../parse-documents";

/**
 * The Elasticsearch `_bulk` API as shippers use it: NDJSON pairs of an action line
 * (`index` or `create`, with optional `_index` and `_id`) and a source line. Answers per item the
 * way Elasticsearch does: 201 created; for `create` with an `_id` already stored, 409
 * version_conflict_engine_exception; for `index` with such an `_id`, 200 with result "noop"
 * (Elasticsearch would overwrite; events here are immutable, and the shipper must not retry);
 * 400 for a document or action it cannot take. `errors` is true when any item failed.
 */
type Op = "index" | "create";

interface BulkAction {
  op: Op | string;
  index: string;
  id: string | null;
  generatedId: boolean;
}

export async function handleBulk(body: Buffer, pathIndex: string | undefined) {
  const started = Date.now();
  const lines = bodyLines(body);
  const actions: BulkAction[] = [];
  const docs: IncomingDocument[] = [];
  const preErrors = new Map<number, { status: number; type: string; reason: string }>();

  for (let n = 0; n < lines.length; n++) {
    const line = lines[n].trim();
    if (!line) continue;
    let meta: Record<string, Record<string, unknown>>;
    try {
      meta = JSON.parse(line);
    } catch {
      throw new BulkSyntaxError(`Malformed action/metadata line [${n + 1}], expected START_OBJECT`);
    }
    const op = Object.keys(meta ?? {})[0];
    const m = (meta?.[op] ?? {}) as Record<string, unknown>;
    const index = String(m._index ?? pathIndex ?? "");
    const givenId = m._id === undefined || m._id === null ? null : String(m._id);
    const action: BulkAction = { op, index, id: givenId ?? randomId(), generatedId: givenId === null };
    const slot = actions.length;
    actions.push(action);
    if (op === "delete") {
      docs.push({ parseError: "skip" });
      preErrors.set(slot, { status: 400, type: "illegal_argument_exception", reason: "delete is not supported: stored events are immutable" });
      continue;
    }
    const source = lines[++n]?.trim() ?? "";
    if (op !== "index" && op !== "create") {
      docs.push({ parseError: "skip" });
      preErrors.set(slot, { status: 400, type: "illegal_argument_exception", reason: `Unsupported bulk action [${op}]: use index or create` });
      continue;
    }
    if (!index) {
      docs.push({ parseError: "skip" });
      preErrors.set(slot, { status: 400, type: "action_request_validation_exception", reason: "Validation Failed: 1: index is missing;" });
      continue;
    }
    // Parsed while it is ingested, like POST /api/v1/events: a request never holds every parsed source at once.
    docs.push({ json: source, line: n + 1, index, bulkId: givenId ?? undefined });
  }

  const result = await ingestDocuments(docs, { malformed: (line, message) => `[${line}:1] failed to parse: ${message}` });
  const items = actions.map((a, i) => {
    const pre = preErrors.get(i);
    const outcome = result.items[i];
    const base = { _index: a.index, _id: a.id };
    const key = a.op === "create" ? "create" : a.op === "index" ? "index" : String(a.op);
    if (pre) return { [key]: { ...base, status: pre.status, error: { type: pre.type, reason: pre.reason } } };
    if (outcome.status === "rejected") {
      return { [key]: { ...base, status: 400, error: { type: "document_parsing_exception", reason: outcome.reason } } };
    }
    if (outcome.status === "duplicate") {
      if (a.op === "create") {
        return {
          create: {
            ...base,
            status: 409,
            error: { type: "version_conflict_engine_exception", reason: `[${a.id}]: version conflict, document already exists`, index: a.index },
          },
        };
      }
      return { index: { ...base, _version: 1, result: "noop", status: 200, _shards: SHARDS } };
    }
    return { [key]: { ...base, _version: 1, result: "created", status: 201, _shards: SHARDS, _seq_no: 0, _primary_term: 1 } };
  });
  return { took: Date.now() - started, errors: items.some((it) => (Object.values(it)[0] as { status: number }).status >= 300), items };
}

const SHARDS = { total: 1, successful: 1, failed: 0 };

function randomId(): string {
  return crypto.randomBytes(15).toString("base64url");
}

export class BulkSyntaxError extends Error {}
