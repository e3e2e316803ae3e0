/** Any error in an EQL query: unsupported feature, type error, bad argument. Thrown at compile time. */
export class EqlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "EqlError";
  }
}

/** A syntax error, with the 1-based line and column where the parser stopped. */
export class EqlSyntaxError extends EqlError {
  readonly line: number;
  readonly column: number;
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
