/**
 * The one error type of the data layer, for input a query cannot use (it knows nothing of HTTP;
 * lib/http/respond.ts maps each code to a status in one place):
 * - `invalid_cursor`: a keyset cursor that is not this API's, or belongs to another sort order (422);
 * - `malformed_cursor`: an audit-trail cursor that does not decode (400);
 * - `duplicate`: a row that a unique key already has (409).
 */
export type DbErrorCode = "invalid_cursor" | "malformed_cursor" | "duplicate";

export class DbError extends Error {
  constructor(
    readonly code: DbErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "DbError";
  }
}
