/**
 * The one error type of the service layer. Route handlers answer it as
 * `{"error":{"code","message"}}` with the status below (lib/http/respond.ts).
 */
export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "payload_too_large"
  | "too_many_requests"
  | "unavailable"
  | "internal";

export const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  too_many_requests: 429,
  unavailable: 503,
  internal: 500,
};

export class AppError extends Error {
  /** Where in the submitted text the problem is (a query's line and column), answered beside the message. */
  position?: { line: number; column: number };
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what} not found`);
export const forbidden = (message = "Your role does not allow this") => new AppError("forbidden", message);

// Network errors, PostgreSQL's admin-shutdown / cannot-connect states, and Prisma's
// can't-reach / connection-closed / pool-timeout errors.
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND",
  "57P01", "57P02", "57P03", "08000", "08001", "08003", "08004", "08006",
  "P1001", "P1002", "P1008", "P1017", "P2024",
]);
const UNAVAILABLE_MESSAGE =
  /Connection terminated|connect ECONNREFUSED|the database system is (starting|shutting) up|terminating connection|DatabaseNotReachable|ConnectionClosed|Can't reach database server|Client has encountered a connection error/i;

/** PostgreSQL unreachable or restarting: the client should retry. */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  const e = err as { code?: string; message?: string; cause?: unknown; meta?: { driverAdapterError?: unknown } } | undefined;
  if (!e || depth > 5) return false;
  if (e.code && UNAVAILABLE_CODES.has(e.code)) return true;
  if (UNAVAILABLE_MESSAGE.test(e.message ?? "")) return true;
  return isDatabaseUnavailable(e.cause, depth + 1) || isDatabaseUnavailable(e.meta?.driverAdapterError, depth + 1);
}
