import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { deleteDestinationRow, findDestinationRow } from "../db/queries/notifications";
import { notFound } from "../http/errors";
import type { ServiceContext } from "../service-context";
import { beginAdmin, isUuid } from "./context";

/** Deletes a destination and its queued and dead messages (they have nowhere left to go). Audited. */
export async function deleteDestination(id: string, ctx: ServiceContext): Promise<{ deleted: string }> {
  const { actor } = beginAdmin(ctx);
  return inTransaction(ctx.tx, async (tx) => {
    const row = isUuid(id) ? await findDestinationRow(id, tx) : null;
    if (!row) throw notFound("Notification destination");
    await deleteDestinationRow(id, tx);
    await recordAudit(
      { actor, action: "notification.destination.delete", targetType: "notification_destination", targetId: id, details: { name: row.name, kind: row.kind }, ip: ctx.ip },
      tx,
    );
    return { deleted: id };
  });
}
