import type { Actor } from "../auth/actor";
import { db, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";

/**
 * Appends to the audit trail (never updated or deleted). Pass the transaction of the change it
 * records so both commit together. Never put secrets in `details`.
 */
export interface AuditInput {
  actor: Actor | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Prisma.InputJsonValue;
  ip?: string | null;
  ok?: boolean;
  actorLabel?: string;
}

export async function recordAudit(input: AuditInput, tx?: Tx) {
  await (tx ?? db()).auditEntry.create({
    data: {
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
  });
}
