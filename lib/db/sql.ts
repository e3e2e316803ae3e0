import type pg from "pg";
import { pool } from "./client";

/**
 * Typed raw SQL for the queries Prisma cannot express. `query<Row>()` states the row type once,
 * next to the statement, so the callers read typed fields instead of casting (the `jsonb` columns'
 * decoders are in json-columns.ts).
 */
export type Queryable = Pick<pg.Pool, "query"> | Pick<pg.PoolClient, "query">;

/** The rows of one statement with bound parameters (`$1`…), on `conn` (default: the pool). */
export async function query<Row extends pg.QueryResultRow>(text: string, values: unknown[] = [], conn: Queryable = pool()): Promise<Row[]> {
  return (await conn.query<Row>(text, values)).rows;
}

/** The first row, or null when there is none. */
export async function queryOne<Row extends pg.QueryResultRow>(text: string, values: unknown[] = [], conn: Queryable = pool()): Promise<Row | null> {
  return (await query<Row>(text, values, conn))[0] ?? null;
}
