import { requirePermission, type Actor } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { revokeApiKeyRow } from "../db/queries/users";
import { AppError } from "../http/errors";
import { uuidParam } from "../validation/admin";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/** Revokes an active API key: requests with it get 401 from then on. */
export async function revokeApiKey(input: { id: string }, actor: Actor | null, meta: { ip?: string | null } = {}): Promise<ApiKeyJson> {
  const by = requirePermission(actor, "apikeys:write");
  const id = uuidParam.parse(input.id);
  return db().$transaction(async (tx) => {
    const row = await revokeApiKeyRow(id, new Date(), tx);
    if (!row) throw new AppError("not_found", "No active API key with this id (unknown or already revoked)");
    await recordAudit(
      { actor: by, action: "apikey.revoke", targetType: "apikey", targetId: id, details: { name: row.name, scope: row.scope, prefix: row.prefix }, ip: meta.ip },
      tx,
    );
    return serializeApiKey(row);
  });
}
