import { requirePermission, type Actor } from "../auth/actor";
import { listUsers as listUserRows } from "../db/queries/users";
import { serializeUser, type UserJson } from "./serialize-user";

/** Every user, oldest first (admins only). */
export async function listUsers(_input: unknown, actor: Actor | null): Promise<UserJson[]> {
  requirePermission(actor, "users:write");
  return (await listUserRows()).map(serializeUser);
}
