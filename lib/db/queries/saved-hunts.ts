import { db, type Tx } from "../client";
import type { Prisma, SavedHunt } from "../generated/client";

/** Saved hunts, and the detection rules admins make of them. */
export type SavedHuntRow = SavedHunt;

/** The hunts an actor sees: their own and every shared one, newest first. */
export function listVisibleSavedHunts(ownerId: string, tx?: Tx): Promise<SavedHuntRow[]> {
  return (tx ?? db()).savedHunt.findMany({ where: { OR: [{ ownerId }, { shared: true }] }, orderBy: [{ updatedAt: "desc" }, { id: "asc" }] });
}

export function findSavedHunt(id: string, tx?: Tx): Promise<SavedHuntRow | null> {
  return (tx ?? db()).savedHunt.findUnique({ where: { id } });
}

export function insertSavedHunt(data: Prisma.SavedHuntCreateInput, tx?: Tx): Promise<SavedHuntRow> {
  return (tx ?? db()).savedHunt.create({ data });
}

export function updateSavedHuntRow(id: string, data: Prisma.SavedHuntUpdateInput, tx?: Tx): Promise<SavedHuntRow> {
  return (tx ?? db()).savedHunt.update({ where: { id }, data });
}

export function deleteSavedHuntRow(id: string, tx?: Tx) {
  return (tx ?? db()).savedHunt.delete({ where: { id } });
}

/** A rule made again starts where it is enabled again, not at its first start. */
export async function resetStoredRuleStart(ruleId: string, tx: Tx) {
  await tx.$executeRaw`UPDATE stored_rules SET start_seq = NULL WHERE rule_id = ${ruleId}`;
}

/** A rule made again from the same hunt starts afresh: its old checkpoints are dropped. */
export async function deleteRuleCheckpoints(ruleId: string, tx: Tx) {
  await tx.$executeRaw`DELETE FROM rule_checkpoints WHERE rule_id = ${ruleId}`;
}
