import { requirePermission, type Actor } from "../auth/actor";
import type { ServiceContext } from "../service-context";

/** Checks `allowlist:write` before anything else happens; returns the actor and the time of the change. */
export function beginWrite(ctx: ServiceContext): { actor: Actor; now: Date } {
  return { actor: requirePermission(ctx.actor, "allowlist:write"), now: ctx.now ?? new Date() };
}

/** Interactive transactions that may scan many alerts need more than Prisma's 5 s default. */
export const TX_OPTIONS = { timeout: 120_000, maxWait: 10_000 };
