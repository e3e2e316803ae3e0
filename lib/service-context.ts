import type { Actor } from "./auth/actor";
import type { Tx } from "./db/client";

/**
 * What every service action receives beside its input: who acts (null: nobody signed in), the
 * client's address (recorded in the audit row), the caller's transaction when the action is part
 * of a larger change, and the clock (tests control it). Every action has the same shape,
 * `(input: unknown, ctx: ServiceContext)`: the permission check first, then zod validation of
 * `input`, then the change and its audit row in one transaction.
 */
export interface ServiceContext {
  actor: Actor | null;
  ip?: string | null;
  tx?: Tx;
  now?: Date;
}
