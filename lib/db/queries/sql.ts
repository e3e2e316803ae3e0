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

/**
 * Runs `fn` once per part, at once, each on a pool connection of its own in a read-only REPEATABLE
 * READ transaction on one snapshot (the first exports it, pg_export_snapshot; the others import
 * it), so the parts of one read see the same rows while using as many database backends (cores).
 * Only as many parts as the pool can give connections right now run at once (never waiting on
 * the pool with a connection held); the rest run after them on the same connections.
 */
export async function parallelReads<T>(parts: number, fn: (sql: Sql, part: number) => Promise<T>): Promise<T[]> {
  const p = pool();
  const free = p.idleCount + Math.max(0, (p.options.max ?? 10) - p.totalCount);
  const n = Math.max(1, Math.min(parts, free));
  const clients: pg.PoolClient[] = [];
  let done = false;
  try {
    for (let i = 0; i < n; i++) clients.push(await p.connect());
    await clients[0].query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    if (n > 1) {
      const snapshot = (await clients[0].query<{ id: string }>("SELECT pg_export_snapshot() AS id")).rows[0].id;
      if (!/^[0-9A-F-]+$/i.test(snapshot)) throw new Error(`unexpected snapshot id ${snapshot}`);
      await Promise.all(clients.slice(1).map(async (c) => {
        await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
        await c.query(`SET TRANSACTION SNAPSHOT '${snapshot}'`);
      }));
    }
    const results = new Array<T>(parts);
    await Promise.all(clients.map(async (c, i) => {
      for (let part = i; part < parts; part += n) results[part] = await fn(pgSql(c), part);
    }));
    await Promise.all(clients.map((c) => c.query("COMMIT")));
    done = true;
    return results;
  } finally {
    // After a failure a connection may be inside a transaction: it is closed, not reused.
    for (const c of clients) c.release(!done);
  }
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
