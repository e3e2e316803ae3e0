import { z } from "zod";
import { recordAudit } from "../audit/record-audit";
import { inTransaction, type Tx } from "../db/client";
import {
  closeAlertsAsAllowlisted,
  getAllowlistEntry,
  insertAllowlistAlertActivity,
  insertAllowlistChange,
  scanAlertsForAllowlist,
  toEntryLike,
  updateAllowlistEntryRow,
  type AllowlistEntryRow,
} from "../db/queries/allowlist";
import { notFound } from "../http/errors";
import { compileAllowlist, matchAlert } from "./compile-allowlist";
import type { ServiceContext } from "../service-context";
import { beginWrite, TX_OPTIONS } from "./service-context";
import type { AllowlistEntryLike } from "./types";

const PAGE = 500;

/** The ids of the not-closed alerts of the entry's scope that the entry matches (any stage event). */
export async function findMatchingOpenAlerts(entry: AllowlistEntryLike, now: Date, tx?: Tx): Promise<string[]> {
  const allowlist = compileAllowlist([entry], now);
  if (allowlist.size === 0) return [];
  const ids: string[] = [];
  let afterId: string | undefined;
  for (;;) {
    const page = await scanAlertsForAllowlist({ ruleId: entry.ruleId, notClosedOnly: true, afterId, limit: PAGE }, tx);
    for (const a of page) if (matchAlert(allowlist, a)) ids.push(a.id);
    if (page.length < PAGE) return ids;
    afterId = page[page.length - 1].id;
  }
}

/**
 * Inside the caller's transaction: closes the open alerts the entry matches (closing reason
 * `allowlisted`, one activity row each), bumps hit_alerts and records the change. Returns the count.
 */
export async function closeMatchingAlertsInTx(row: AllowlistEntryRow, actorLabel: string, now: Date, tx: Tx): Promise<number> {
  const ids = await findMatchingOpenAlerts(toEntryLike(row), now, tx);
  const closed = await closeAlertsAsAllowlisted(ids, row.id, now, tx);
  if (closed.length === 0) return 0;
  await insertAllowlistAlertActivity(
    closed.map((alertId) => ({
      alertId,
      actor: actorLabel,
      at: now,
      details: { action: "closed", closingReason: "allowlisted", entryId: row.id, entryName: row.name },
    })),
    tx,
  );
  await updateAllowlistEntryRow(row.id, { hitAlerts: { increment: closed.length }, lastHitAt: now }, tx);
  await insertAllowlistChange(
    { entryId: row.id, actor: actorLabel, action: "closed_alerts", before: null, after: { count: closed.length, alertIds: closed.slice(0, 100) }, at: now },
    tx,
  );
  return closed.length;
}

/** POST /api/v1/allowlist/:id/close-matching-alerts: closes the open alerts an existing entry matches. */
export async function closeMatchingAlerts(input: unknown, ctx: ServiceContext): Promise<{ closedAlerts: number }> {
  const { actor, now } = beginWrite(ctx);
  const { id } = z.object({ id: z.string().max(200) }).parse(input);
  return inTransaction(ctx.tx, async (tx) => {
    const row = await getAllowlistEntry(id, tx);
    if (!row) throw notFound("Allowlist entry");
    const count = await closeMatchingAlertsInTx(row, actor.label, now, tx);
    await recordAudit(
      { actor, action: "allowlist.close_alerts", targetType: "allowlist_entry", targetId: id, details: { closedAlerts: count }, ip: ctx.ip },
      tx,
    );
    return { closedAlerts: count };
  }, TX_OPTIONS);
}
