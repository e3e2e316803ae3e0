/**
 * One `_bulk` action line, checked the way Elasticsearch checks it, except that a bad `_id` or
 * `_index` rejects only its own item (never the request): the item answers 400 with the reason and
 * the other items go on.
 */
export type BulkOp = "index" | "create" | "update" | "delete";

export interface ItemError {
  status: number;
  type: string;
  reason: string;
}

export interface BulkAction {
  op: BulkOp;
  index: string;
  /** The `_id` given with the action, or null when none was given. */
  id: string | null;
  /** Set when the action cannot be taken: the item answers with it, its source line is skipped. */
  error?: ItemError;
}

/** A line that is not an action at all: Elasticsearch refuses the whole request with 400. */
export class BulkSyntaxError extends Error {}

/** With the u flag a surrogate code unit matches only when it is not half of a pair. */
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
const OPS = new Set<string>(["index", "create", "update", "delete"]);
/** Elasticsearch refuses longer ids ("id ... is too long, must be no longer than 512 bytes"). */
export const MAX_ID_BYTES = 512;

export function parseAction(line: string, lineNumber: number, pathIndex: string | undefined): BulkAction {
  let meta: unknown;
  try {
    meta = JSON.parse(line);
  } catch {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNumber}], expected START_OBJECT`);
  }
  if (meta === null || typeof meta !== "object" || Array.isArray(meta)) {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNumber}], expected START_OBJECT`);
  }
  const keys = Object.keys(meta);
  const op = keys[0];
  if (keys.length !== 1 || !OPS.has(op)) {
    throw new BulkSyntaxError(
      `Malformed action/metadata line [${lineNumber}], expected field [create], [delete], [index] or [update] but found [${keys.join(", ")}]`,
    );
  }
  const params = (meta as Record<string, unknown>)[op];
  if (params === null || typeof params !== "object" || Array.isArray(params)) {
    throw new BulkSyntaxError(`Malformed action/metadata line [${lineNumber}], expected START_OBJECT for [${op}]`);
  }
  const m = params as Record<string, unknown>;
  const action: BulkAction = { op: op as BulkOp, index: pathIndex ?? "", id: null };

  const index = m._index;
  if (index !== undefined && index !== null) {
    const problem = textProblem(index, "_index");
    if (problem) return { ...action, error: invalid(problem) };
    action.index = index as string;
  }
  const id = m._id;
  if (id !== undefined && id !== null) {
    const problem = idProblem(id);
    // The id is echoed only when it is a string that can be stored; otherwise the answer says null.
    if (problem) return { ...action, id: typeof id === "string" && !LONE_SURROGATE.test(id) && !id.includes("\0") ? id : null, error: invalid(problem) };
    action.id = id as string;
  }
  if (op === "delete") return { ...action, error: { status: 400, type: "illegal_argument_exception", reason: "delete is not supported: stored events are immutable" } };
  if (op === "update") return { ...action, error: { status: 400, type: "illegal_argument_exception", reason: "update is not supported: stored events are immutable; use index or create" } };
  if (!action.index) return { ...action, error: invalid("index is missing") };
  return action;
}

function invalid(problem: string): ItemError {
  return { status: 400, type: "action_request_validation_exception", reason: `Validation Failed: 1: ${problem};` };
}

/** Why a bulk `_id` cannot be a document id (null when it can): ids are non-empty strings PostgreSQL can store. */
export function idProblem(id: unknown): string | null {
  if (typeof id === "string" && id === "") return "if _id is specified it must not be empty";
  const text = textProblem(id, "_id");
  if (text) return text;
  const bytes = Buffer.byteLength(id as string, "utf8");
  if (bytes > MAX_ID_BYTES) return `id [${(id as string).slice(0, 64)}...] is too long, must be no longer than ${MAX_ID_BYTES} bytes but was: ${bytes}`;
  return null;
}

function textProblem(value: unknown, field: string): string | null {
  if (typeof value !== "string") {
    const kind = Array.isArray(value) ? "array" : typeof value;
    return `${field} must be a string, got ${kind === "object" || kind === "array" ? `an ${kind}` : `a ${kind}`}`;
  }
  if (value.includes("\0")) return `${field} must not contain the NUL character (\\u0000)`;
  if (LONE_SURROGATE.test(value)) return `${field} must be valid Unicode: it holds a lone surrogate`;
  return null;
}
