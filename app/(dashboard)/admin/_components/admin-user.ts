import type { Actor } from "@/lib/auth/actor";
import { requireUser } from "@/lib/auth/server-session";

/**
 * The signed-in admin as an actor for the admin services, or null for any other role (the admin
 * layout then shows "Admins only"; pages check too so that they never load data for non-admins).
 */
export async function adminActor(): Promise<Extract<Actor, { kind: "user" }> | null> {
  const user = await requireUser();
  if (user.role !== "admin") return null;
  return { kind: "user", id: user.userId, label: user.email, role: user.role, sessionId: user.sessionId };
}
