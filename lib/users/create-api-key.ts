import { requirePermission, type Actor } from "../auth/actor";
import { randomToken, sha256 } from "../auth/tokens";
import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { insertApiKeyRow } from "../db/queries/users";
import { createApiKeyInput, type CreateApiKeyInput } from "../validation/admin";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/**
 * Creates an API key and returns it once; only its sha256 is stored. The format is the one
 * lib/auth/api-keys.ts verifies (`lat_<8-char prefix>_<secret>`); the key is made here so that the
 * row and its audit entry commit in one transaction. The audit entry names the key, never the key.
 */
export async function createApiKey(
  input: CreateApiKeyInput,
  actor: Actor | null,
  meta: { ip?: string | null } = {},
): Promise<{ apiKey: ApiKeyJson; key: string }> {
  const by = requirePermission(actor, "apikeys:write");
  const data = createApiKeyInput.parse(input);
  const prefix = randomToken(6).replace(/[-_]/g, "x").slice(0, 8);
  const key = `lat_${prefix}_${randomToken(24)}`;
  const row = await db().$transaction(async (tx) => {
    const created = await insertApiKeyRow({ name: data.name, scope: data.scope, prefix, keyHash: sha256(key), createdBy: by.label }, tx);
    await recordAudit(
      { actor: by, action: "apikey.create", targetType: "apikey", targetId: created.id, details: { name: data.name, scope: data.scope, prefix }, ip: meta.ip },
      tx,
    );
    return created;
  });
  return { apiKey: serializeApiKey(row), key };
}
