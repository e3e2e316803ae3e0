import { requirePermission, type Actor } from "../auth/actor";
import type { ServiceContext } from "../service-context";

/** Every notification action is for admins: checks `notifications:manage` first; returns the actor and the time of the change. */
export function beginAdmin(ctx: ServiceContext): { actor: Actor; now: Date } {
  return { actor: requirePermission(ctx.actor, "notifications:manage"), now: ctx.now ?? new Date() };
}

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
