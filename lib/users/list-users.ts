import { requirePermission } from "../auth/actor";
import { listUsers as listUserRows } from "../db/queries/users";
import type { ServiceContext } from "../service-context";
import { serializeUser, type UserJson } from "./serialize-user";

/** Every user, oldest first (admins only). */
export async function listUsers(_input: unknown, ctx: ServiceContext): Promise<UserJson[]> {
  requirePermission(ctx.actor, "users:write");
  return (await listUserRows(ctx.tx)).map(serializeUser);
}
