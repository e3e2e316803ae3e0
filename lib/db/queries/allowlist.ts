import type { AllowlistCondition, AllowlistEntryLike } from "../../allowlist/types";
import { db, type Tx } from "../client";
import { jsonArray } from "../json-columns";
import type { AllowlistChange, AllowlistEntry, Prisma } from "../generated/client";

/** Allowlist queries: entries, their change history, hit counters and the alert scans they need. */
type Client = Tx | ReturnType<typeof db>;
const client = (tx?: Tx): Client => tx ?? db();

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type AllowlistEntryRow = AllowlistEntry;
export type AllowlistChangeRow = AllowlistChange;

export function toEntryLike(row: AllowlistEntry): AllowlistEntryLike {
  return {
    id: row.id,
    ruleId: row.ruleId,
    conditions: jsonArray<AllowlistCondition>(row.conditions),
    caseInsensitive: row.caseInsensitive,
    enabled: row.enabled,
    expiresAt: row.expiresAt,
    deletedAt: row.deletedAt,
  };
}

/**
 * The entries the detection worker applies: enabled, not deleted, not expired at `now`. Read at each
 * execution so that changes apply without a restart; pass them to `compileAllowlist`.
 */
export async function listActiveAllowlistEntries(now: Date = new Date(), tx?: Tx): Promise<AllowlistEntryLike[]> {
  const rows = await client(tx).allowlistEntry.findMany({
    where: { enabled: true, deletedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
  });
  return rows.map(toEntryLike);
}

/** Every entry not deleted, newest first (the list page and GET /api/v1/allowlist). */
export function listAllowlistEntries(tx?: Tx) {
  return client(tx).allowlistEntry.findMany({ where: { deletedAt: null }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
}

export async function getAllowlistEntry(id: string, tx?: Tx, opts: { includeDeleted?: boolean } = {}) {
  if (!UUID.test(id)) return null;
  const row = await client(tx).allowlistEntry.findUnique({ where: { id } });
  return row && (opts.includeDeleted || !row.deletedAt) ? row : null;
}

/** The entry of this name that is not deleted, if any. */
export function findAllowlistEntryByName(name: string, tx?: Tx) {
  return client(tx).allowlistEntry.findFirst({ where: { name, deletedAt: null } });
}

export function insertAllowlistEntry(data: Prisma.AllowlistEntryUncheckedCreateInput, tx?: Tx) {
  return client(tx).allowlistEntry.create({ data });
}

export function updateAllowlistEntryRow(id: string, data: Prisma.AllowlistEntryUncheckedUpdateInput, tx?: Tx) {
  return client(tx).allowlistEntry.update({ where: { id }, data });
}

export function insertAllowlistChange(
  change: { entryId: string; actor: string | null; action: string; before: unknown; after: unknown; at?: Date },
  tx?: Tx,
) {
  const json = (v: unknown) => (v === null || v === undefined ? undefined : (v as Prisma.InputJsonValue));
  return client(tx).allowlistChange.create({
    data: { entryId: change.entryId, actor: change.actor, action: change.action, before: json(change.before), after: json(change.after), at: change.at },
  });
}

export function listAllowlistChanges(entryId: string, tx?: Tx) {
  if (!UUID.test(entryId)) return Promise.resolve([] as AllowlistChange[]);
  return client(tx).allowlistChange.findMany({ where: { entryId }, orderBy: [{ at: "desc" }, { id: "desc" }] });
}

/** For the worker: adds suppressed-event counts per entry and moves last_hit_at forward. */
export async function recordAllowlistHits(hits: { entryId: string; events: number; at: Date }[], tx?: Tx) {
  for (const h of hits) {
    if (h.events <= 0) continue;
    await client(tx).$executeRaw`
      UPDATE allowlist_entries
         SET hit_events = hit_events + ${h.events},
             last_hit_at = GREATEST(COALESCE(last_hit_at, ${h.at}), ${h.at})
       WHERE id = ${h.entryId}::uuid`;
  }
}

export interface AlertScanRow {
  id: string;
  ruleId: string;
  status: string;
  reason: string;
  hostId: string;
  hostName: string | null;
  sourceIp: string | null;
  createdAt: Date;
  stages: unknown;
}

/**
 * One page (keyset on id) of the alerts an allowlist entry could concern: of its rule (or all
 * rules), and either not closed or created since `since`. Stages are evaluated by the caller.
 */
export function scanAlertsForAllowlist(
  opts: { ruleId: string | null; since?: Date; notClosedOnly?: boolean; afterId?: string; limit: number },
  tx?: Tx,
): Promise<AlertScanRow[]> {
  const when: Prisma.AlertWhereInput[] = [{ status: { not: "closed" } }];
  if (!opts.notClosedOnly && opts.since) when.push({ createdAt: { gte: opts.since } });
  return client(tx).alert.findMany({
    where: {
      ...(opts.ruleId ? { ruleId: opts.ruleId } : {}),
      ...(opts.afterId ? { id: { gt: opts.afterId } } : {}),
      OR: when,
    },
    orderBy: { id: "asc" },
    take: opts.limit,
    select: { id: true, ruleId: true, status: true, reason: true, hostId: true, hostName: true, sourceIp: true, createdAt: true, stages: true },
  });
}

/** Closes the given alerts that are still not closed; returns the ids actually closed. */
export async function closeAlertsAsAllowlisted(ids: string[], entryId: string, now: Date, tx?: Tx): Promise<string[]> {
  if (ids.length === 0) return [];
  const closed = await client(tx).alert.updateManyAndReturn({
    where: { id: { in: ids }, status: { not: "closed" } },
    data: { status: "closed", closingReason: "allowlisted", allowlistEntryId: entryId, closedAt: now },
    select: { id: true },
  });
  return closed.map((a) => a.id);
}

export function insertAllowlistAlertActivity(
  rows: { alertId: string; actor: string | null; at: Date; details: Prisma.InputJsonValue }[],
  tx?: Tx,
) {
  if (rows.length === 0) return Promise.resolve({ count: 0 });
  return client(tx).alertActivity.createMany({ data: rows.map((r) => ({ ...r, kind: "allowlist" })) });
}

/** The alert an entry is being created from (`/allowlists/new?fromAlert=`). */
export function getAlertForAllowlist(id: string, tx?: Tx) {
  return client(tx).alert.findUnique({
    where: { id },
    select: { id: true, ruleId: true, ruleName: true, reason: true, hostId: true, hostName: true, sourceIp: true, status: true, stages: true },
  });
}
