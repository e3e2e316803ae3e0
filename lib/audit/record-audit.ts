import type { Actor } from "../auth/actor";
import type { Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { insertAuditEntry } from "../db/queries/audit";

export interface AuditInput {
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  /** The client's address (the request's); null for the worker and the CLI. */
  ip?: string | null;
  ok?: boolean;
  actorLabel?: string;
}

/**
 * Appends to the audit trail (never updated or deleted). Pass the transaction of the change it
 * records so both commit together. Never put secrets in `details`.
 */
export async function recordAudit(input: AuditInput, tx?: Tx) {
  await insertAuditEntry(
    {
      actorType: input.actor?.kind ?? "anonymous",
      actorId: input.actor?.id ?? null,
      actorLabel: input.actorLabel ?? input.actor?.label ?? null,
      action: input.action,
      targetType: input.targetType ?? null,
      targetId: input.targetId ?? null,
      details: input.details ?? {},
      ip: input.ip ?? null,
      ok: input.ok ?? true,
    },
    tx,
  );
}
