import { requirePermission } from "../auth/actor";
import { listAuditActions, listAuditEntries, type AuditEntryJson } from "../db/queries/audit";
import type { ServiceContext } from "../service-context";
import { auditQueryInput } from "../validation/admin";

/**
 * One page of the audit trail, newest first, and the actions recorded so far (for the filter's
 * suggestions). Admins only. Bad filters are a ZodError (422); a cursor that does not decode is
 * the data layer's `malformed_cursor` (400).
 */
export async function listAuditTrail(
  input: unknown,
  ctx: ServiceContext,
): Promise<{ entries: AuditEntryJson[]; nextCursor: string | null }> {
  requirePermission(ctx.actor, "audit:read");
  return listAuditEntries(auditQueryInput.parse(input));
}

export async function listAuditTrailActions(ctx: ServiceContext): Promise<string[]> {
  requirePermission(ctx.actor, "audit:read");
  return listAuditActions();
}
