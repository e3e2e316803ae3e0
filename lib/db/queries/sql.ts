import type pg from "pg";
import { inTransaction, pool, type Tx } from "../client";

/**
 * The one shape raw-SQL queries of movement and incidents run on: the worker's pg connection (inside
 * its alert transaction) or a Prisma interactive transaction (the analyst's actions). Queries cast
 * their results to int, text, boolean, timestamptz or jsonb, which both drivers return alike.
 */
export interface Sql {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
}

export function pgSql(c: pg.PoolClient | pg.Pool | pg.Client): Sql {
  return { query: async <R>(text: string, params: unknown[] = []) => ({ rows: (await c.query(text, params)).rows as R[] }) };
}

export function prismaSql(tx: Tx): Sql {
  return { query: async <R>(text: string, params: unknown[] = []) => ({ rows: (await tx.$queryRawUnsafe(text, ...params)) as R[] }) };
}

/** Reads: on the caller's transaction when there is one, else on the pool. */
export function readSql(tx?: Tx): Sql {
  return tx ? prismaSql(tx) : pgSql(pool());
}

/**
 * Writes: in the caller's transaction when there is one, else in one of their own (so the audit
 * row commits with the change); `fn` gets the transaction and its Sql.
 */
export function inSqlTransaction<T>(tx: Tx | undefined, fn: (tx: Tx, sql: Sql) => Promise<T>): Promise<T> {
  return inTransaction(tx, (t) => fn(t, prismaSql(t)), { timeout: 60_000, maxWait: 10_000 });
}
