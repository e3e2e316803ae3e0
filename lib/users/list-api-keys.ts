import { requirePermission, type Actor } from "../auth/actor";
import { listApiKeyRows } from "../db/queries/users";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/** Every API key, newest first, revoked ones included (admins only). */
export async function listApiKeys(_input: unknown, actor: Actor | null): Promise<ApiKeyJson[]> {
  requirePermission(actor, "apikeys:write");
  return (await listApiKeyRows()).map(serializeApiKey);
}
