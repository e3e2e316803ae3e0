import type { Actor } from "../auth/actor";
import type { Tx } from "../db/client";
import { inSqlTransaction, readSql as readOn, type Sql } from "../db/queries/sql";
import type { ServiceContext as SharedServiceContext } from "../service-context";

/**
 * What lib/movement's services still import; the incident services take the shared context
 * (lib/service-context.ts) and lib/db's `readSql` / `inSqlTransaction`. To be removed once
 * lib/movement does the same: its actions read `ctx.actor` after their permission check, so this
 * context's actor is not null.
 */
export type ServiceContext = SharedServiceContext & { actor: Actor };

export function readSql(ctx: ServiceContext): Sql {
  return readOn(ctx.tx);
}

export function inTransaction<T>(ctx: ServiceContext, fn: (tx: Tx, sql: Sql) => Promise<T>): Promise<T> {
  return inSqlTransaction(ctx.tx, fn);
}
