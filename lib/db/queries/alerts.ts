import type { AlertStatus } from "../../alerts/types";
import type { AlertFilter, AlertGroupBy, AlertSort } from "../../validation/alerts";
import { db, type Tx } from "../client";
import { Prisma, type Alert } from "../generated/client";
import {
  afterCursor,
  decodeCursor,
  encodeCursor,
  filterConditions,
  orderBy,
  sortKeyExpr,
  whereClause,
} from "./alert-filter-sql";

/** Queries on `alerts`, one per function; each accepts the caller's transaction. */
type Client = Tx | ReturnType<typeof db>;

export interface ListAlertsArgs {
  filter: AlertFilter;
  sort: AlertSort;
  order: "asc" | "desc";
  limit: number;
  cursor?: string;
}

/** One page of alerts in keyset order, and the cursor of the next page (null on the last). */
export type AlertListRow = Omit<Alert, "stages" | "threat">;

export async function listAlerts(args: ListAlertsArgs, tx?: Tx): Promise<{ alerts: AlertListRow[]; nextCursor: string | null }> {
  const client: Client = tx ?? db();
  const conditions = filterConditions(args.filter);
  if (args.cursor) conditions.push(afterCursor(args.sort, args.order, decodeCursor(args.cursor, args.sort, args.order)));
  const keys = await client.$queryRaw<{ id: string; k: string }[]>(
    Prisma.sql`SELECT id, (${sortKeyExpr(args.sort)})::text AS k FROM alerts ${whereClause(conditions)} ${orderBy(args.sort, args.order)} LIMIT ${args.limit + 1}`,
  );
  const page = keys.slice(0, args.limit);
  // A list row never needs the stored documents (stages) or the MITRE mapping.
  const rows = page.length
    ? await client.alert.findMany({ where: { id: { in: page.map((r) => r.id) } }, omit: { stages: true, threat: true, corroboration: true } })
    : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const alerts = page.map((r) => byId.get(r.id)).filter((a): a is AlertListRow => a !== undefined);
  const last = page[page.length - 1];
  const nextCursor = keys.length > args.limit && last ? encodeCursor({ k: last.k, id: last.id, s: args.sort, o: args.order }) : null;
  return { alerts, nextCursor };
}

/** How many alerts of each status match the filter, its status aside. */
export async function countAlertsByStatus(filter: AlertFilter, tx?: Tx): Promise<Record<AlertStatus, number>> {
  const rows = await (tx ?? db()).$queryRaw<{ status: string; n: number }[]>(
    Prisma.sql`SELECT status, count(*)::int AS n FROM alerts ${whereClause(filterConditions(filter, { withStatus: false }))} GROUP BY status`,
  );
  const counts: Record<AlertStatus, number> = { open: 0, acknowledged: 0, closed: 0 };
  for (const r of rows) if (r.status in counts) counts[r.status as AlertStatus] = r.n;
  return counts;
}

export interface AlertGroup {
  key: string;
  label: string;
  count: number;
  maxRisk: number;
  latest: string;
}

/**
 * Per group: the group column (in the order of the status-leading covering indexes, so PostgreSQL
 * aggregates an index-only scan in index order), then the key and label of the answer. Source IPs
 * are grouped as inet first and merged by their text form after (the same groups, without hashing
 * every row on an expression).
 */
const GROUP_SQL: Record<AlertGroupBy, { column: string; label: string; key: string; outerLabel: string }> = {
  host: { column: "host_id", label: "max(host_name)", key: "g.col", outerLabel: "coalesce(max(g.label), g.col)" },
  sourceIp: { column: "source_ip", label: "NULL::text", key: "coalesce(host(g.col), '')", outerLabel: "max(coalesce(host(g.col), '(none)'))" },
  rule: { column: "rule_id", label: "max(rule_name)", key: "g.col", outerLabel: "max(g.label)" },
};

/** The alerts matching the filter grouped by host, source IP or rule, biggest groups first. */
export async function groupAlerts(filter: AlertFilter, groupBy: AlertGroupBy, limit = 200, tx?: Tx): Promise<AlertGroup[]> {
  const g = GROUP_SQL[groupBy];
  const rows = await (tx ?? db()).$queryRaw<{ key: string; label: string; count: number; max_risk: number; latest: Date }[]>(
    Prisma.sql`SELECT ${Prisma.raw(g.key)} AS key, ${Prisma.raw(g.outerLabel)} AS label, sum(g.n)::int AS count,
      max(g.max_risk)::int AS max_risk, max(g.latest) AS latest
      FROM (SELECT ${Prisma.raw(g.column)} AS col, ${Prisma.raw(g.label)} AS label, count(*) AS n,
              max(risk_score) AS max_risk, max(created_at) AS latest
            FROM alerts ${whereClause(filterConditions(filter))}
            GROUP BY ${Prisma.raw(g.column)}) g
      GROUP BY ${Prisma.raw(g.key)} ORDER BY sum(g.n) DESC, max(g.latest) DESC LIMIT ${limit}`,
  );
  return rows.map((r) => ({ key: r.key, label: r.label, count: r.count, maxRisk: r.max_risk, latest: new Date(r.latest).toISOString() }));
}

export async function getAlert(id: string, tx?: Tx): Promise<Alert | null> {
  return (tx ?? db()).alert.findUnique({ where: { id } });
}

/** The source address and last event time of an alert (what its source-IP chart centres on). */
export async function getAlertSourceIp(id: string, tx?: Tx): Promise<{ sourceIp: string | null; lastEventAt: Date } | null> {
  return (tx ?? db()).alert.findUnique({ where: { id }, select: { sourceIp: true, lastEventAt: true } });
}

/** An incident's alerts, earliest first, at most `limit`. */
export async function listIncidentAlerts(incidentId: string, limit: number, tx?: Tx): Promise<Alert[]> {
  return (tx ?? db()).alert.findMany({ where: { incidentId }, orderBy: [{ firstEventAt: "asc" }, { id: "asc" }], take: limit });
}

/** Locks the alert row for an update in this transaction. */
export async function lockAlert(id: string, tx: Tx): Promise<Alert | null> {
  const rows = await tx.$queryRaw<{ id: string }[]>(Prisma.sql`SELECT id FROM alerts WHERE id = ${id} FOR UPDATE`);
  return rows.length ? tx.alert.findUnique({ where: { id } }) : null;
}

/** Locks and returns the alerts with these ids (unknown ids are left out). */
export async function lockAlertsByIds(ids: string[], tx: Tx): Promise<Alert[]> {
  await tx.$queryRaw(Prisma.sql`SELECT id FROM alerts WHERE id = ANY(${ids}::text[]) ORDER BY id FOR UPDATE`);
  return tx.alert.findMany({ where: { id: { in: ids } } });
}

/** Locks and returns every alert matching the filter; `tooMany` (and no rows) past `max`. */
export async function lockAlertsByFilter(filter: AlertFilter, max: number, tx: Tx): Promise<{ alerts: Alert[]; tooMany: boolean }> {
  const rows = await tx.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT id FROM alerts ${whereClause(filterConditions(filter))} ORDER BY id LIMIT ${max + 1} FOR UPDATE`,
  );
  if (rows.length > max) return { alerts: [], tooMany: true };
  return { alerts: await tx.alert.findMany({ where: { id: { in: rows.map((r) => r.id) } } }), tooMany: false };
}

export type AlertChanges = Pick<
  Prisma.AlertUpdateInput,
  "status" | "closingReason" | "assignee" | "acknowledgedAt" | "closedAt" | "checklistDone" | "checklistTotal"
>;

export async function updateAlert(id: string, changes: AlertChanges, tx?: Tx): Promise<Alert> {
  return (tx ?? db()).alert.update({ where: { id }, data: { ...changes, updatedAt: new Date() } });
}

/** The same changes to many alerts in one statement. */
export async function updateAlerts(ids: string[], changes: AlertChanges, tx?: Tx): Promise<number> {
  const { count } = await (tx ?? db()).alert.updateMany({ where: { id: { in: ids } }, data: { ...changes, updatedAt: new Date() } });
  return count;
}
