import { recordAudit } from "../audit/record-audit";
import { db } from "../db/client";
import { getAllowlistEntry, insertAllowlistChange, updateAllowlistEntryRow } from "../db/queries/allowlist";
import { notFound } from "../http/errors";
import { entrySnapshot } from "./serialize-entry";
import { beginWrite, TX_OPTIONS, type AllowlistContext } from "./service-context";

/** Soft delete: sets deleted_at; the entry stops applying and leaves the list, its history stays. */
export async function deleteAllowlistEntry(id: string, ctx: AllowlistContext): Promise<{ id: string; deletedAt: string }> {
  const { actor, now } = beginWrite(ctx);
  return db().$transaction(async (tx) => {
    const current = await getAllowlistEntry(id, tx);
    if (!current) throw notFound("Allowlist entry");
    const row = await updateAllowlistEntryRow(id, { deletedAt: now, updatedAt: now, updatedBy: actor.label }, tx);
    await insertAllowlistChange({ entryId: id, actor: actor.label, action: "deleted", before: entrySnapshot(current), after: entrySnapshot(row), at: now }, tx);
    await recordAudit({ actor, action: "allowlist.delete", targetType: "allowlist_entry", targetId: id, details: { name: current.name }, ip: ctx.ip }, tx);
    return { id, deletedAt: now.toISOString() };
  }, TX_OPTIONS);
}
