/** Any error in an EQL query: unsupported feature, type error, bad argument. Thrown at compile time. */
export class EqlError extends Error {
  /** 1-based line and column of the part of the query the error is about, when known. */
  line?: number;
  column?: number;
  constructor(message: string) {
    super(message);
    this.name = "EqlError";
  }
}

/** Gives an error without a position the position of the condition it came from (editors underline it). */
export function locateError(err: unknown, pos: { line: number; column: number }): never {
  if (err instanceof EqlError && err.line === undefined) {
    err.line = pos.line;
    err.column = pos.column;
  }
  throw err;
}

/** A syntax error, with the 1-based line and column where the parser stopped. */
export class EqlSyntaxError extends EqlError {
  declare line: number;
  declare column: number;
  /** The message without the position prefix. */
  readonly reason: string;

  constructor(reason: string, line: number, column: number) {
    super(`line ${line}:${column}: ${reason}`);
    this.name = "EqlSyntaxError";
    this.reason = reason;
    this.line = line;
    this.column = column;
  }
}
