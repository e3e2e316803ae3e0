import type { AlertFilter, AlertSort } from "../../validation/alerts";
import { Prisma } from "../generated/client";
import { DbError } from "../errors";

/**
 * SQL pieces of the alert list: the WHERE clause of a filter, the sort keys and the keyset cursor.
 * Every value goes in as a bound parameter.
 */
export type Sql = Prisma.Sql;

/** `%` `_` and `\` are literal in a user's search text. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function filterConditions(f: AlertFilter, opts: { withStatus?: boolean } = {}): Sql[] {
  const c: Sql[] = [];
  if (opts.withStatus !== false && f.status !== "all") c.push(Prisma.sql`status = ${f.status}`);
  if (f.ruleId) c.push(Prisma.sql`rule_id = ${f.ruleId}`);
  if (f.severity?.length) c.push(Prisma.sql`severity = ANY(${f.severity}::text[])`);
  if (f.hostId) c.push(Prisma.sql`host_id = ${f.hostId}`);
  if (f.incidentId) c.push(Prisma.sql`incident_id = ${f.incidentId}`);
  if (f.sourceHostId) c.push(Prisma.sql`source_host_id = ${f.sourceHostId}`);
  if (f.host) c.push(Prisma.sql`(lower(host_name) = lower(${f.host}) OR host_id = ${f.host})`);
  // A CIDR block (`10.13.37.0/24`, from a prefix too) matches the addresses inside it; an address, itself.
  if (f.sourceIp) c.push(f.sourceIp.includes("/") ? Prisma.sql`source_ip <<= ${f.sourceIp}::cidr` : Prisma.sql`source_ip = ${f.sourceIp}::inet`);
  if (f.user) c.push(Prisma.sql`lower(user_name) = lower(${f.user})`);
  if (f.process) c.push(Prisma.sql`lower(process_name) = lower(${f.process})`);
  // Filter out: the alerts without the value (NULL included) stay.
  if (f.notHost) c.push(Prisma.sql`NOT (lower(coalesce(host_name, '')) = lower(${f.notHost}) OR host_id = ${f.notHost})`);
  if (f.notSourceIp) c.push(Prisma.sql`(source_ip IS NULL OR NOT (source_ip <<= ${f.notSourceIp.includes("/") ? f.notSourceIp : `${f.notSourceIp}/${f.notSourceIp.includes(":") ? 128 : 32}`}::cidr))`);
  if (f.notUser) c.push(Prisma.sql`lower(user_name) IS DISTINCT FROM lower(${f.notUser})`);
  if (f.notProcess) c.push(Prisma.sql`lower(process_name) IS DISTINCT FROM lower(${f.notProcess})`);
  if (f.notRuleId) c.push(Prisma.sql`rule_id <> ${f.notRuleId}`);
  const timeCol = f.timeField === "firstEventAt" ? Prisma.raw("first_event_at") : Prisma.raw("created_at");
  if (f.from) c.push(Prisma.sql`${timeCol} >= ${f.from}`);
  if (f.to) c.push(Prisma.sql`${timeCol} <= ${f.to}`);
  if (f.createdAfter) c.push(Prisma.sql`created_at > ${f.createdAfter}`);
  if (f.q) {
    const pattern = `%${escapeLike(f.q)}%`;
    c.push(
      Prisma.sql`(reason ILIKE ${pattern} OR host_name ILIKE ${pattern} OR user_name ILIKE ${pattern} OR process_name ILIKE ${pattern} OR command_line ILIKE ${pattern})`,
    );
  }
  return c;
}

export function whereClause(conditions: Sql[]): Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** The sort key of each sort, as SQL and as the type its cursor value is cast to. */
const SORT_KEYS: Record<AlertSort, { expr: string; cast: string }> = {
  createdAt: { expr: "created_at", cast: "timestamptz" },
  lastEventAt: { expr: "last_event_at", cast: "timestamptz" },
  riskScore: { expr: "risk_score", cast: "int" },
  // riskScore + 100 for a critical target + 50 for a pivot (lib/movement/types.ts)
  priority: { expr: "priority", cast: "int" },
  severity: {
    expr: "(CASE severity WHEN 'critical' THEN 4 WHEN 'high' THEN 3 WHEN 'medium' THEN 2 WHEN 'low' THEN 1 ELSE 0 END)",
    cast: "int",
  },
  host: { expr: "lower(coalesce(host_name, host_id))", cast: "text" },
};

export function sortKeyExpr(sort: AlertSort): Sql {
  return Prisma.raw(SORT_KEYS[sort].expr);
}

export function orderBy(sort: AlertSort, order: "asc" | "desc"): Sql {
  const dir = order === "asc" ? "ASC" : "DESC";
  return Prisma.raw(`ORDER BY ${SORT_KEYS[sort].expr} ${dir}, id ${dir}`);
}

/** Rows after the cursor: a row-value comparison on (sort key, id), both in the sort direction. */
export function afterCursor(sort: AlertSort, order: "asc" | "desc", cursor: Cursor): Sql {
  const key = SORT_KEYS[sort];
  const op = Prisma.raw(order === "asc" ? ">" : "<");
  return Prisma.sql`(${Prisma.raw(key.expr)}, id) ${op} (${cursor.k}::${Prisma.raw(key.cast)}, ${cursor.id})`;
}

export interface Cursor {
  /** The last row's sort key, as text. */
  k: string;
  id: string;
  /** The sort it belongs to: a cursor from another sort is refused. */
  s: AlertSort;
  o: "asc" | "desc";
}

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c)).toString("base64url");
}

export function decodeCursor(text: string, sort: AlertSort, order: "asc" | "desc"): Cursor {
  let c: Cursor;
  try {
    c = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Cursor;
  } catch {
    throw new DbError("invalid_cursor", "cursor: not a cursor from this API");
  }
  if (!c || typeof c.k !== "string" || typeof c.id !== "string") throw new DbError("invalid_cursor", "cursor: not a cursor from this API");
  if (c.s !== sort || c.o !== order) throw new DbError("invalid_cursor", "cursor: it belongs to another sort order; start again without it");
  return c;
}
