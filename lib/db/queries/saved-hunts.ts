import type pg from "pg";
import { db, pool, type Tx } from "../client";
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

/** The saved hunts that are detection rules (the worker loads them beside the rule pack). */
export async function listHuntRules(c: pg.Pool | pg.PoolClient = pool()): Promise<SavedHuntRow[]> {
  const { rows } = await c.query(
    `SELECT id, name, query, rule_id, rule_severity, rule_risk_score, rule_interval, rule_created_at, rule_from_seq, owner_label
     FROM saved_hunts WHERE rule_id IS NOT NULL ORDER BY rule_created_at, id`,
  );
  return rows.map((r) => ({
    id: r.id, name: r.name, query: r.query, ruleId: r.rule_id, ruleSeverity: r.rule_severity, ruleRiskScore: r.rule_risk_score,
    ruleInterval: r.rule_interval, ruleCreatedAt: r.rule_created_at, ruleFromSeq: BigInt(r.rule_from_seq ?? 0), ownerLabel: r.owner_label,
  })) as SavedHuntRow[];
}

/** The ingest sequence as it is now: a rule made now evaluates the events ingested after it. */
export async function currentEventSeq(tx: Tx): Promise<bigint> {
  const rows = await tx.$queryRaw<{ seq: bigint }[]>`SELECT coalesce(max(seq), 0)::bigint AS seq FROM events`;
  return rows[0].seq;
}

/**
 * A hunt rule's checkpoint for a shard starts where the rule started (rule pack rules start from the
 * first event); an existing checkpoint is kept.
 */
export async function ensureHuntRuleCheckpoint(ruleId: string, shard: string, fromSeq: number, c: pg.Pool | pg.PoolClient = pool()) {
  await c.query(`INSERT INTO rule_checkpoints (rule_id, shard, checkpoint) VALUES ($1, $2, $3) ON CONFLICT (rule_id, shard) DO NOTHING`, [ruleId, shard, fromSeq]);
}

/** A rule made again from the same hunt starts afresh: its old checkpoints are dropped. */
export async function deleteRuleCheckpoints(ruleId: string, tx: Tx) {
  await tx.$executeRaw`DELETE FROM rule_checkpoints WHERE rule_id = ${ruleId}`;
}
