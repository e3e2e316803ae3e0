import { requirePermission } from "../auth/actor";
import { listApiKeyRows } from "../db/queries/users";
import type { ServiceContext } from "../service-context";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/** Every API key, newest first, revoked ones included (admins only). */
export async function listApiKeys(_input: unknown, ctx: ServiceContext): Promise<ApiKeyJson[]> {
  requirePermission(ctx.actor, "apikeys:write");
  return (await listApiKeyRows(ctx.tx)).map(serializeApiKey);
}
