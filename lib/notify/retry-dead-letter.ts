import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { findOutboxRow, requeueDeadLetter, wakeDelivery } from "../db/queries/notifications";
import { AppError, notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { beginAdmin, isUuid } from "./context";

/**
 * "Retry" on a dead letter: back in the queue, due now, with a fresh set of attempts and the same
 * message id. A dead digest goes back whole. Audited.
 */
export async function retryDeadLetter(id: string, ctx: ServiceContext): Promise<{ requeued: number }> {
  const { actor, now } = beginAdmin(ctx);
  return inTransaction(ctx.tx, async (tx) => {
    const row = isUuid(id) ? await findOutboxRow(id, tx) : null;
    if (!row) throw notFound("Dead letter");
    if (row.status !== "dead") throw new AppError("conflict", `This message is ${row.status}, not a dead letter`);
    const requeued = await requeueDeadLetter(row, now, tx);
    await recordAudit(
      {
        actor,
        action: "notification.retry",
        targetType: "notification_message",
        targetId: row.id,
        details: { destinationId: row.destinationId, kind: row.kind, subjectId: row.subjectId, attempts: row.attempts, lastError: row.lastError, requeued },
        ip: ctx.ip,
      },
      tx,
    );
    await wakeDelivery(tx);
    return { requeued };
  });
}
