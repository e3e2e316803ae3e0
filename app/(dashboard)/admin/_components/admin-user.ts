import type { Actor } from "@/lib/auth/actor";
import { can, type Permission, type Role } from "@/lib/auth/roles";
import { requireUser } from "@/lib/auth/server-session";

/** What the admin area holds: users, API keys, notifications and the audit trail. */
const ADMIN_AREA: Permission[] = ["users:write", "apikeys:write", "notifications:manage", "audit:read"];

/** Whether a role may enter the admin area at all (the layout shows "Admins only" otherwise). */
export function mayEnterAdmin(role: Role): boolean {
  return ADMIN_AREA.some((p) => can(role, p));
}

/**
 * The signed-in user as an actor for the admin service behind a page, or null when their role
 * lacks that page's permission (pages check so that they never load data for others).
 */
export async function adminActor(permission: Permission): Promise<Extract<Actor, { kind: "user" }> | null> {
  const user = await requireUser();
  if (!can(user.role, permission)) return null;
  return { kind: "user", id: user.userId, label: user.email, role: user.role, sessionId: user.sessionId };
}
