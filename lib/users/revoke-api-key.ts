import { z } from "zod";
import { requirePermission } from "../auth/actor";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { revokeApiKeyRow } from "../db/queries/users";
import { AppError } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { uuidParam } from "../validation/common";
import { serializeApiKey, type ApiKeyJson } from "./serialize-api-key";

/** Revokes an active API key: requests with it get 401 from then on. */
export async function revokeApiKey(input: unknown, ctx: ServiceContext): Promise<ApiKeyJson> {
  const by = requirePermission(ctx.actor, "apikeys:write");
  const { id } = z.object({ id: uuidParam }).parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    const row = await revokeApiKeyRow(id, ctx.now ?? new Date(), tx);
    if (!row) throw new AppError("not_found", "No active API key with this id (unknown or already revoked)");
    await recordAudit(
      { actor: by, action: "apikey.revoke", targetType: "apikey", targetId: id, details: { name: row.name, scope: row.scope, prefix: row.prefix }, ip: ctx.ip },
      tx,
    );
    return serializeApiKey(row);
  });
}
