import { requirePermission } from "../auth/actor";
import { countIncidentsByStatus, listIncidentRows, openAlertCounts } from "../db/queries/incidents";
import { readSql } from "../db/queries/sql";
import { AppError } from "../http/errors";
import { incidentListQuerySchema } from "../validation/movement";
import type { ServiceContext } from "../service-context";
import { serializeIncident } from "./serialize-incident";
import type { IncidentListJson, IncidentStatus } from "./types";

/** `GET /api/v1/incidents`: one page (keyset), the per-status counts of the filter. Default: open, by priority. */
export async function listIncidents(input: unknown, ctx: ServiceContext): Promise<IncidentListJson> {
  requirePermission(ctx.actor, "read");
  const q = incidentListQuerySchema.parse(input);
  const sql = readSql(ctx.tx);
  const filter = { status: q.status, q: q.q, assignee: q.assignee, hostId: q.hostId, critical: q.critical };
  const after = q.cursor ? decodeCursor(q.cursor, q.sort, q.order) : undefined;
  const [page, counts] = await Promise.all([
    listIncidentRows(sql, { filter, sort: q.sort, order: q.order, limit: q.limit, after }),
    countIncidentsByStatus(sql, filter),
  ]);
  const open = await openAlertCounts(sql, page.rows.map((r) => r.id));
  const last = page.rows[page.rows.length - 1];
  return {
    incidents: page.rows.map((r) => serializeIncident(r, open.get(r.id) ?? 0)),
    nextCursor: page.more && last ? encodeCursor({ s: q.sort, o: q.order, k: last.k }) : null,
    counts: { open: counts.open ?? 0, acknowledged: counts.acknowledged ?? 0, closed: counts.closed ?? 0 } satisfies Record<IncidentStatus, number>,
  };
}

function encodeCursor(c: { s: string; o: string; k: string[] }): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

function decodeCursor(text: string, sort: string, order: string): string[] {
  try {
    const c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as { s: string; o: string; k: unknown };
    if (c.s === sort && c.o === order && Array.isArray(c.k) && c.k.every((v) => typeof v === "string")) {
      const k = c.k as string[];
      const checks = k.every((v, i) => (i === k.length - 1 ? v.length <= 100 : /^-?\d+$/.test(v) || !Number.isNaN(Date.parse(v))));
      if (checks) return k;
    }
  } catch {
    /* below */
  }
  throw new AppError("validation_failed", "cursor: not a cursor of this list (sort and order must stay the same)");
}
