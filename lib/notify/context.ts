import { requirePermission, type Actor } from "../auth/actor";

/** What every notification action receives: who acts and from where. Admins only. */
export interface NotifyContext {
  actor: Actor | null;
  ip?: string | null;
  now?: Date;
}

export function beginAdmin(ctx: NotifyContext): { actor: Actor; now: Date } {
  return { actor: requirePermission(ctx.actor, "notifications:manage"), now: ctx.now ?? new Date() };
}

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
