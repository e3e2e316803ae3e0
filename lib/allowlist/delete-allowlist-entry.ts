import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { inTransaction } from "../db/client";
import { getAllowlistEntry, insertAllowlistChange, updateAllowlistEntryRow } from "../db/queries/allowlist";
import { notFound } from "../http/errors";
import { entrySnapshot } from "./serialize-entry";
import type { ServiceContext } from "../service-context";
import { beginWrite, TX_OPTIONS } from "./service-context";

/** Soft delete: sets deleted_at; the entry stops applying and leaves the list, its history stays. */
export async function deleteAllowlistEntry(input: unknown, ctx: ServiceContext): Promise<{ id: string; deletedAt: string }> {
  const { actor, now } = beginWrite(ctx);
  const { id } = z.object({ id: z.string().max(200) }).parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    const current = await getAllowlistEntry(id, tx);
    if (!current) throw notFound("Allowlist entry");
    const row = await updateAllowlistEntryRow(id, { deletedAt: now, updatedAt: now, updatedBy: actor.label }, tx);
    await insertAllowlistChange({ entryId: id, actor: actor.label, action: "deleted", before: entrySnapshot(current), after: entrySnapshot(row), at: now }, tx);
    await recordAudit({ actor, action: "allowlist.delete", targetType: "allowlist_entry", targetId: id, details: { name: current.name }, ip: ctx.ip }, tx);
    return { id, deletedAt: now.toISOString() };
  }, TX_OPTIONS);
}
