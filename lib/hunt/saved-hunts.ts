import { randomUUID } from "node:crypto";
import { requirePermission, type Actor } from "../auth/actor";
import { can } from "../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { inTransaction, type Tx } from "../db/client";
import type { Prisma } from "../db/generated/client";
import { setRuleEnabled as writeRuleEnabled } from "../db/queries/rules-overview";
import { findStoredRule, startStoredRuleNow } from "../db/queries/stored-rules";
import {
  deleteRuleCheckpoints,
  deleteSavedHuntRow,
  resetStoredRuleStart,
  findSavedHunt,
  insertSavedHunt,
  listVisibleSavedHunts,
  updateSavedHuntRow,
  type SavedHuntRow,
} from "../db/queries/saved-hunts";
import { AppError, forbidden, notFound } from "../http/errors";
import { huntRuleSchema, savedHuntPatchSchema, savedHuntSchema } from "../validation/hunt";
import { compileHuntQuery } from "./compile-hunt";
import { importRules } from "../rules/import-rules";
import type { ServiceContext } from "../service-context";
import { checkedHuntRuleSource, HUNT_RULE_PREFIX } from "./hunt-rules";

/**
 * Saved hunts: a name, a query, a window (relative or absolute), optional host and address filters,
 * an owner, shared or private. Anyone who may hunt saves their own; the owner (or an admin) changes or
 * deletes one; an admin turns one into a detection rule. Every change is audited in its transaction.
 */
export interface SavedHuntJson {
  id: string;
  name: string;
  query: string;
  window: { last: string } | { from: string; to: string };
  hostId: string | null;
  ip: string | null;
  owner: { id: string; label: string };
  shared: boolean;
  createdAt: string;
  updatedAt: string;
  rule: { ruleId: string; severity: string; riskScore: number; interval: string; createdAt: string; createdBy: string | null } | null;
  /** Whether the actor may change or delete it. */
  editable: boolean;
}

export function serializeSavedHunt(r: SavedHuntRow, actor: Actor): SavedHuntJson {
  return {
    id: r.id,
    name: r.name,
    query: r.query,
    window: r.window as SavedHuntJson["window"],
    hostId: r.hostId,
    ip: r.ip,
    owner: { id: r.ownerId, label: r.ownerLabel },
    shared: r.shared,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    rule: r.ruleId
      ? { ruleId: r.ruleId, severity: r.ruleSeverity!, riskScore: r.ruleRiskScore!, interval: r.ruleInterval!, createdAt: r.ruleCreatedAt!.toISOString(), createdBy: r.ruleCreatedBy }
      : null,
    editable: r.ownerId === actor.id || can(actor.role, "hunts:manage"),
  };
}

const visible = (r: SavedHuntRow | null, actor: Actor): r is SavedHuntRow => !!r && (r.shared || r.ownerId === actor.id || can(actor.role, "hunts:manage"));

export async function listSavedHunts(ctx: ServiceContext): Promise<SavedHuntJson[]> {
  const actor = requirePermission(ctx.actor, "read");
  return (await listVisibleSavedHunts(actor.id, ctx.tx)).map((r) => serializeSavedHunt(r, actor));
}

export async function getSavedHunt(id: string, ctx: ServiceContext): Promise<SavedHuntJson> {
  const actor = requirePermission(ctx.actor, "read");
  const row = await findSavedHunt(id, ctx.tx).catch(() => null);
  if (!visible(row, actor)) throw notFound("Saved hunt");
  return serializeSavedHunt(row, actor);
}

export async function createSavedHunt(input: unknown, ctx: ServiceContext): Promise<SavedHuntJson> {
  const actor = requirePermission(ctx.actor, "read");
  const data = savedHuntSchema.parse(input);
  compileHuntQuery(data.query);
  return inTransaction(ctx.tx, async (tx) => {
    const row = await insertSavedHunt(
      {
        id: randomUUID(),
        name: data.name,
        query: data.query,
        window: data.window as Prisma.InputJsonValue,
        hostId: data.hostId ?? null,
        ip: data.ip ?? null,
        ownerId: actor.id,
        ownerLabel: actor.label,
        shared: data.shared,
      },
      tx,
    );
    await recordAudit({ actor, action: "hunt.save", targetType: "saved_hunt", targetId: row.id, details: { name: row.name, shared: row.shared }, ip: ctx.ip }, tx);
    return serializeSavedHunt(row, actor);
  });
}

async function editable(id: string, actor: Actor, tx: Tx): Promise<SavedHuntRow> {
  const row = await findSavedHunt(id, tx).catch(() => null);
  if (!visible(row, actor)) throw notFound("Saved hunt");
  if (row.ownerId !== actor.id && !can(actor.role, "hunts:manage")) throw forbidden("Only its owner or an admin may change a saved hunt");
  return row;
}

export async function updateSavedHunt(id: string, input: unknown, ctx: ServiceContext): Promise<SavedHuntJson> {
  const actor = requirePermission(ctx.actor, "read");
  const patch = savedHuntPatchSchema.parse(input);
  if (patch.query !== undefined) compileHuntQuery(patch.query);
  return inTransaction(ctx.tx, async (tx) => {
    const before = await editable(id, actor, tx);
    if (before.ruleId && patch.query !== undefined && patch.query !== before.query) {
      throw new AppError("conflict", "This saved hunt is a detection rule: remove the rule before changing its query, then make it again");
    }
    const row = await updateSavedHuntRow(
      id,
      {
        ...(patch.name !== undefined && { name: patch.name }),
        ...(patch.query !== undefined && { query: patch.query }),
        ...(patch.window !== undefined && { window: patch.window as Prisma.InputJsonValue }),
        ...(patch.hostId !== undefined && { hostId: patch.hostId }),
        ...(patch.ip !== undefined && { ip: patch.ip }),
        ...(patch.shared !== undefined && { shared: patch.shared }),
        updatedAt: new Date(),
      },
      tx,
    );
    await recordAudit({ actor, action: "hunt.update", targetType: "saved_hunt", targetId: id, details: { changed: Object.keys(patch) }, ip: ctx.ip }, tx);
    return serializeSavedHunt(row, actor);
  });
}

export async function deleteSavedHunt(id: string, ctx: ServiceContext): Promise<void> {
  const actor = requirePermission(ctx.actor, "read");
  await inTransaction(ctx.tx, async (tx) => {
    const row = await editable(id, actor, tx);
    if (row.ruleId) throw new AppError("conflict", "This saved hunt is a detection rule: an admin removes the rule first (DELETE /api/v1/hunts/:id/rule)");
    await deleteSavedHuntRow(id, tx);
    await recordAudit({ actor, action: "hunt.delete", targetType: "saved_hunt", targetId: id, details: { name: row.name }, ip: ctx.ip }, tx);
  });
}

/**
 * Admin: the saved hunt becomes a detection rule, stored in the rule catalog as an imported rule
 * (a new version when it was a rule before) and enabled, evaluating the events ingested from now on.
 */
export async function makeHuntRule(id: string, input: unknown, ctx: ServiceContext): Promise<SavedHuntJson> {
  const actor = requirePermission(ctx.actor, "rules:write");
  const r = huntRuleSchema.parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    const row = await findSavedHunt(id, tx).catch(() => null);
    if (!visible(row, actor)) throw notFound("Saved hunt");
    if (row.ruleId) throw new AppError("conflict", `This saved hunt is already the detection rule ${row.ruleId}`);
    compileHuntQuery(row.query);
    const ruleId = `${HUNT_RULE_PREFIX}${row.id}`;
    const stored = await findStoredRule(ruleId, tx);
    const source = checkedHuntRuleSource(row, r, (stored?.version ?? 0) + 1);
    const imported = await importRules({ files: [{ name: `${ruleId}.toml`, content: source }] }, { actor, ip: ctx.ip ?? null, tx });
    const outcome = imported.outcomes[0];
    if (outcome?.status !== "imported" && outcome?.status !== "updated") {
      throw new AppError("validation_failed", `This hunt cannot become a detection rule: ${outcome?.reason ?? "refused"}`);
    }
    // From this moment: a rule made again starts afresh, not where its earlier version stopped.
    await deleteRuleCheckpoints(ruleId, tx);
    await resetStoredRuleStart(ruleId, tx);
    await writeRuleEnabled(ruleId, true, actor.label, tx);
    const startSeq = await startStoredRuleNow(ruleId, tx);
    const updated = await updateSavedHuntRow(
      id,
      { ruleId, ruleSeverity: r.severity, ruleRiskScore: r.riskScore, ruleInterval: r.interval, ruleCreatedAt: new Date(), ruleCreatedBy: actor.label, ruleFromSeq: startSeq },
      tx,
    );
    await recordAudit(
      { actor, action: "hunt.rule.create", targetType: "saved_hunt", targetId: id, details: { ruleId, ...r, startSeq: startSeq?.toString() ?? null }, ip: ctx.ip },
      tx,
    );
    return serializeSavedHunt(updated, actor);
  });
}

/** Admin: the rule is disabled (its alerts and stored versions stay); the saved hunt stays a hunt. */
export async function removeHuntRule(id: string, ctx: ServiceContext): Promise<SavedHuntJson> {
  const actor = requirePermission(ctx.actor, "rules:write");
  return inTransaction(ctx.tx, async (tx) => {
    const row = await findSavedHunt(id, tx).catch(() => null);
    if (!visible(row, actor) || !row.ruleId) throw notFound("Detection rule of this saved hunt");
    await writeRuleEnabled(row.ruleId, false, actor.label, tx);
    const updated = await updateSavedHuntRow(
      id,
      { ruleId: null, ruleSeverity: null, ruleRiskScore: null, ruleInterval: null, ruleCreatedAt: null, ruleCreatedBy: null, ruleFromSeq: null },
      tx,
    );
    await recordAudit({ actor, action: "hunt.rule.delete", targetType: "saved_hunt", targetId: id, details: { ruleId: row.ruleId }, ip: ctx.ip }, tx);
    return serializeSavedHunt(updated, actor);
  });
}
