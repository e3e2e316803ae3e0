import { db, type Tx } from "../client";
import type { StoredRule } from "../generated/client";
import { INGEST_LOCK } from "../locks";

/** Imported rules (`stored_rules`, every version in `stored_rule_versions`) and their state. */
const client = (tx?: Tx) => tx ?? db();

export type StoredRuleRow = StoredRule;

export async function listStoredRules(tx?: Tx): Promise<StoredRuleRow[]> {
  return client(tx).storedRule.findMany({ orderBy: { ruleId: "asc" } });
}

export async function findStoredRule(ruleId: string, tx?: Tx): Promise<StoredRuleRow | null> {
  return client(tx).storedRule.findUnique({ where: { ruleId } });
}

export interface StoredRuleInput {
  ruleId: string;
  name: string;
  version: number;
  source: string;
  sha256: string;
  fileName: string | null;
  importedBy: string | null;
}

/**
 * Stores a new rule or a new version of one (its history row too). A new rule starts disabled
 * (`rule_state.enabled = false`) until an admin enables it.
 */
export async function saveStoredRule(r: StoredRuleInput, isNew: boolean, tx: Tx): Promise<void> {
  const data = { name: r.name, version: r.version, source: r.source, sha256: r.sha256, fileName: r.fileName, importedBy: r.importedBy, importedAt: new Date() };
  await tx.storedRule.upsert({ where: { ruleId: r.ruleId }, create: { ruleId: r.ruleId, ...data }, update: data });
  await tx.storedRuleVersion.create({
    data: { ruleId: r.ruleId, version: r.version, source: r.source, sha256: r.sha256, fileName: r.fileName, importedBy: r.importedBy },
  });
  if (isNew) {
    await tx.ruleState.upsert({
      where: { ruleId: r.ruleId },
      create: { ruleId: r.ruleId, enabled: false, updatedBy: r.importedBy },
      update: { enabled: false, updatedBy: r.importedBy },
    });
  }
}

export async function listStoredRuleVersions(ruleId: string, tx?: Tx) {
  return client(tx).storedRuleVersion.findMany({ where: { ruleId }, orderBy: { id: "desc" }, omit: { source: true } });
}

/**
 * The first enabling of an imported rule: it evaluates events ingested from now on. The committed
 * high-water mark (ingest holds INGEST_LOCK shared while it writes) becomes its starting point.
 */
export async function startStoredRuleNow(ruleId: string, tx: Tx): Promise<bigint | null> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${INGEST_LOCK})`;
  const [row] = await tx.$queryRaw<{ seq: bigint }[]>`
    SELECT CASE WHEN is_called THEN last_value ELSE 0 END AS seq FROM events_seq_seq`;
  const seq = row?.seq ?? BigInt(0);
  const updated = await tx.storedRule.updateMany({ where: { ruleId, startSeq: null }, data: { startSeq: seq } });
  return updated.count ? seq : null;
}
