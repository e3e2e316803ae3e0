import { db, type Tx } from "../client";
import type { AlertActivity, Prisma } from "../generated/client";

/** The activity timeline of alerts (`alert_activity`): status, assign, checklist, note, allowlist, created. */
export type ActivityKind = "status" | "assign" | "checklist" | "note" | "allowlist" | "created";

export interface NewActivity {
  alertId: string;
  actor: string | null;
  kind: ActivityKind;
  details: Prisma.InputJsonValue;
}

export async function insertActivity(row: NewActivity, tx?: Tx): Promise<AlertActivity> {
  return (tx ?? db()).alertActivity.create({ data: row });
}

export async function insertActivities(rows: NewActivity[], tx?: Tx): Promise<number> {
  if (!rows.length) return 0;
  return (await (tx ?? db()).alertActivity.createMany({ data: rows })).count;
}

/** Oldest first, capped (an alert with more entries shows the latest `limit`). */
export async function listActivity(alertId: string, limit = 500, tx?: Tx): Promise<AlertActivity[]> {
  const rows = await (tx ?? db()).alertActivity.findMany({
    where: { alertId },
    orderBy: [{ at: "desc" }, { id: "desc" }],
    take: limit,
  });
  return rows.reverse();
}
