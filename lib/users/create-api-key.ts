import { requirePermission } from "../auth/actor";
import { generateApiKey } from "../auth/api-keys";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { insertApiKeyRow } from "../db/queries/users";
import type { ServiceContext } from "../service-context";
import { createApiKeyInput } from "../validation/admin";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/**
 * Creates an API key and returns it once; only its sha256 is stored. The row and its audit entry
 * commit in one transaction. The audit entry names the key, never the key.
 */
export async function createApiKey(input: unknown, ctx: ServiceContext): Promise<{ apiKey: ApiKeyJson; key: string }> {
  const by = requirePermission(ctx.actor, "apikeys:write");
  const data = createApiKeyInput.parse(input);
  const { key, prefix, keyHash } = generateApiKey();
  const row = await inTransaction(ctx.tx, async (tx) => {
    const created = await insertApiKeyRow({ name: data.name, scope: data.scope, prefix, keyHash, createdBy: by.label }, tx);
    await recordAudit(
      { actor: by, action: "apikey.create", targetType: "apikey", targetId: created.id, details: { name: data.name, scope: data.scope, prefix }, ip: ctx.ip },
      tx,
    );
    return created;
  });
  return { apiKey: serializeApiKey(row), key };
}
