import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { deleteDestinationRow, findDestinationRow } from "../db/queries/notifications";
import { notFound } from "../http/errors";
import { beginAdmin, isUuid, type NotifyContext } from "./context";

/** Deletes a destination and its queued and dead messages (they have nowhere left to go). Audited. */
export async function deleteDestination(id: string, ctx: NotifyContext): Promise<{ deleted: string }> {
  const { actor } = beginAdmin(ctx);
  return db().$transaction(async (tx) => {
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
