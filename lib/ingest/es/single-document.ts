import { ingestDocuments } from "../ingest-documents";
import { idProblem } from "./bulk-action";
import { randomId } from "./bulk";
import { esError, esJson, SHARDS } from "./responses";

/**
 * The single-document APIs (`POST /<index>/_doc`, `PUT|POST /<index>/_doc/<id>`,
 * `PUT|POST /<index>/_create/<id>`): one document through the same ingest path as `_bulk`, with the
 * same duplicate key and answers (201 created; an already stored key: 409 for create, 200 "noop"
 * for index, naming that key as `_id`; 400 for a document that cannot be taken).
 */
export async function ingestSingleDocument(body: Buffer, index: string, op: "index" | "create", id: string | null): Promise<Response> {
  if (id !== null) {
    const problem = idProblem(id);
    if (problem) return esError(400, "action_request_validation_exception", `Validation Failed: 1: ${problem};`);
  }
  const json = body.toString("utf8");
  const [outcome] = (await ingestDocuments([{ json, line: 1, index, bulkId: id ?? undefined }], {
    malformed: (line, message) => `[${line}:1] failed to parse: ${message}`,
  })).items;
  if (outcome.status === "rejected") return esError(400, "document_parsing_exception", outcome.reason);
  const storedId = id ?? outcome.eventId ?? randomId();
  if (outcome.status === "duplicate") {
    if (op === "create") {
      return esError(409, "version_conflict_engine_exception", `[${storedId}]: version conflict, document already exists (current version [1])`);
    }
    return esJson({ _index: index, _id: storedId, _version: 1, result: "noop", _shards: SHARDS, _seq_no: 0, _primary_term: 1 }, 200);
  }
  return esJson({ _index: index, _id: storedId, _version: 1, result: "created", _shards: SHARDS, _seq_no: 0, _primary_term: 1 }, 201, {
    location: `/${encodeURIComponent(index)}/_doc/${encodeURIComponent(storedId)}`,
  });
}
