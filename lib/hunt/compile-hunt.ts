import { compileQuery, EqlError, type CompiledQuery } from "../eql";
import { AppError } from "../http/errors";

/**
 * Compiles a hunt's query with the engine's default options (the event store's ECS fields), turning
 * every syntax or type error into a 422 that says where: line and column (1-based; errors the engine
 * cannot place point at the start of the query).
 */
export function compileHuntQuery(text: string): CompiledQuery {
  try {
    return compileQuery(text);
  } catch (err) {
    if (!(err instanceof EqlError)) throw err;
    const e = new AppError("validation_failed", err instanceof Error && "reason" in err ? String((err as { reason: string }).reason) : err.message);
    e.position = { line: err.line ?? 1, column: err.column ?? 1 };
    throw e;
  }
}

/** What the editor shows while typing: null, or the error and where it is. */
export function checkHuntQuery(text: string): { message: string; line: number; column: number } | null {
  try {
    compileHuntQuery(text);
    return null;
  } catch (err) {
    if (err instanceof AppError && err.position) return { message: err.message, ...err.position };
    throw err;
  }
}
