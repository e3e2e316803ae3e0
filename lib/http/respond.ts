import { ZodError } from "zod";
import { DbError, type DbErrorCode } from "../db/errors";
import { AppError, isDatabaseUnavailable, STATUS, type ErrorCode } from "./errors";

/** JSON answers and the one mapping from errors to HTTP. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body, bigintSafe), {
    ...init,
    headers: { "content-type": "application/json; charset=utf-8", ...(init.headers ?? {}) },
  });
}

function bigintSafe(_key: string, value: unknown) {
  return typeof value === "bigint" ? Number(value) : value;
}

/** What each data-layer error is to an HTTP client. */
const DB_ERROR_CODES: Record<DbErrorCode, ErrorCode> = { invalid_cursor: "validation_failed", malformed_cursor: "bad_request", duplicate: "conflict" };

export function errorResponse(err: unknown): Response {
  if (err instanceof DbError) err = new AppError(DB_ERROR_CODES[err.code], err.message);
  if (err instanceof ZodError) {
    const message = err.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`).join("; ");
    return json({ error: { code: "validation_failed", message, issues: err.issues } }, { status: 422 });
  }
  if (err instanceof AppError) {
    const headers: Record<string, string> = {};
    if (err.retryAfterSeconds) headers["retry-after"] = String(err.retryAfterSeconds);
    const body: { code: string; message: string; details?: unknown; line?: number; column?: number } = { code: err.code, message: err.message };
    if (err.details !== undefined) body.details = err.details;
    if (err.position) Object.assign(body, err.position);
    return json({ error: body }, { status: STATUS[err.code], headers });
  }
  if (isDatabaseUnavailable(err)) {
    return json(
      { error: { code: "unavailable", message: "The database is unavailable; retry shortly" } },
      { status: 503, headers: { "retry-after": "5" } },
    );
  }
  console.error("Unhandled error:", err);
  return json({ error: { code: "internal", message: "Internal error" } }, { status: 500 });
}
