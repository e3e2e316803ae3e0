import type { Actor } from "../auth/actor";
import { db, pool, type Tx } from "../db/client";
import { pgSql, prismaSql, type Sql } from "../db/queries/sql";

/** What every incident service takes besides its input: who acts, from where, and optionally the caller's transaction. */
export interface ServiceContext {
  actor: Actor;
  ip?: string | null;
  tx?: Tx;
}

/** Reads: the caller's transaction, else the pool. */
export function readSql(ctx: ServiceContext): Sql {
  return ctx.tx ? prismaSql(ctx.tx) : pgSql(pool());
}

/** Writes: inside the caller's transaction, else one of their own (the audit row commits with the change). */
export async function inTransaction<T>(ctx: ServiceContext, fn: (tx: Tx, sql: Sql) => Promise<T>): Promise<T> {
  if (ctx.tx) return fn(ctx.tx, prismaSql(ctx.tx));
  return db().$transaction((tx) => fn(tx, prismaSql(tx)), { timeout: 60_000, maxWait: 10_000 });
}
