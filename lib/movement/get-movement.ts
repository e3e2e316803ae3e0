import { requirePermission, type Actor } from "../auth/actor";
import { criticalRules } from "../db/queries/incidents";
import { alertPairs, hopPairs, latestHostIps, ownersOf } from "../db/queries/movement";
import { pgSql, prismaSql, type Sql } from "../db/queries/sql";
import { pool, type Tx } from "../db/client";
import { notFound } from "../http/errors";
import { DAY_MS, HOUR_MS, parseWindow } from "../investigation/time-window";
import { movementQuerySchema } from "../validation/movement";
import { buildGraph, type PairInput } from "./build-graph";
import { criticalMatcher } from "./critical";
import { ownersInWindow } from "./ownership";
import { MOVEMENT_MAX_EDGES, MOVEMENT_MAX_NODES, type AddressOwnerJson, type MovementGraphJson } from "./types";

/**
 * `GET /api/v1/movement`: the movement graph of a window (default the last 24 h, at most 31 days),
 * optionally around a host, an address, or one incident (its alerts' hosts and addresses, over
 * its own time span unless from/to say otherwise).
 */
export interface ServiceContext {
  actor: Actor;
  ip?: string | null;
  tx?: Tx;
}

export async function getMovement(input: unknown, ctx: ServiceContext): Promise<MovementGraphJson> {
  requirePermission(ctx.actor, "read");
  const q = movementQuerySchema.parse(input);
  const sql = ctx.tx ? prismaSql(ctx.tx) : pgSql(pool());
  let fromParam = q.from;
  let toParam = q.to;
  let nodeIds: Set<string> | undefined;
  let incidentId: string | undefined;
  if (q.incidentId) {
    const inc = await incidentScope(sql, q.incidentId);
    incidentId = inc.id;
    fromParam ??= new Date(inc.from.getTime() - HOUR_MS);
    toParam ??= new Date(inc.to.getTime() + HOUR_MS);
    nodeIds = inc.nodeIds;
  }
  const window = parseWindow(
    { from: fromParam?.toISOString(), to: toParam?.toISOString() },
    { defaultMs: DAY_MS, maxMs: 31 * DAY_MS },
  );
  return movementGraph(sql, window, { hostId: q.hostId, ip: q.ip, nodeIds, incidentId });
}

export async function movementGraph(
  sql: Sql,
  window: { from: Date; to: Date },
  filter: { hostId?: string; ip?: string; nodeIds?: Set<string>; incidentId?: string },
): Promise<MovementGraphJson> {
  const [hops, alerts, rules] = await Promise.all([
    hopPairs(sql, window.from, window.to),
    alertPairs(sql, window.from, window.to, { incidentId: filter.incidentId }),
    criticalRules(sql),
  ]);
  const pairs = new Map<string, PairInput>();
  const key = (ip: string | null, hostId: string) => `${ip ?? ""}\u0000${hostId}`;
  for (const h of hops) {
    pairs.set(key(h.source_ip, h.host_id), {
      sourceIp: h.source_ip, hostId: h.host_id, hostName: h.host_name, connections: h.connections, alerts: 0, firstSeen: h.first_seen, lastSeen: h.last_seen,
    });
  }
  for (const a of alerts) {
    const k = key(a.source_ip, a.host_id);
    const p = pairs.get(k);
    if (p) {
      p.alerts += a.alerts;
      if (a.first_seen < p.firstSeen) p.firstSeen = a.first_seen;
      if (a.last_seen > p.lastSeen) p.lastSeen = a.last_seen;
      p.hostName ??= a.host_name;
    } else if (!filter.incidentId || a.alerts > 0) {
      pairs.set(k, { sourceIp: a.source_ip, hostId: a.host_id, hostName: a.host_name, connections: 0, alerts: a.alerts, firstSeen: a.first_seen, lastSeen: a.last_seen });
    }
  }
  const ips = [...new Set([...pairs.values()].map((p) => p.sourceIp).filter((x): x is string => x !== null))];
  if (filter.ip && !ips.includes(filter.ip)) ips.push(filter.ip);
  const observations = await ownersOf(sql, ips, window.from, window.to);
  const owners = new Map<string, AddressOwnerJson[]>();
  for (const ip of ips) owners.set(ip, ownersInWindow(observations, ip, window.from.getTime(), window.to.getTime()));
  const hostIds = new Set<string>([...pairs.values()].map((p) => p.hostId));
  for (const list of owners.values()) if (list.length === 1) hostIds.add(list[0].hostId);
  const hostIps = await latestHostIps(sql, [...hostIds], window.from, window.to);
  return buildGraph({
    pairs: [...pairs.values()],
    owners,
    hostIps,
    isCritical: criticalMatcher(rules.map((r) => ({ hostId: r.host_id, pattern: r.pattern }))),
    window,
    filter,
    maxEdges: MOVEMENT_MAX_EDGES,
    maxNodes: MOVEMENT_MAX_NODES,
  });
}

/** An incident's nodes (its targets, its source hosts and addresses) and time span. */
async function incidentScope(sql: Sql, id: string): Promise<{ id: string; from: Date; to: Date; nodeIds: Set<string> }> {
  const { rows } = await sql.query<{ first: Date | null; last: Date | null; exists: boolean }>(
    `SELECT (SELECT min(first_event_at) FROM alerts WHERE incident_id = i.id) AS first, (SELECT max(last_event_at) FROM alerts WHERE incident_id = i.id) AS last, true AS exists
     FROM incidents i WHERE i.id = $1`,
    [id],
  );
  if (!rows.length) throw notFound("Incident");
  const { rows: parts } = await sql.query<{ host_id: string; source_ip: string | null; source_host_id: string | null }>(
    `SELECT DISTINCT host_id, host(source_ip) AS source_ip, source_host_id FROM alerts WHERE incident_id = $1`,
    [id],
  );
  const nodeIds = new Set<string>();
  for (const p of parts) {
    nodeIds.add(`host:${p.host_id}`);
    if (p.source_host_id) nodeIds.add(`host:${p.source_host_id}`);
    if (p.source_ip) nodeIds.add(`ip:${p.source_ip}`);
  }
  const now = new Date();
  return { id, from: rows[0].first ?? now, to: rows[0].last ?? now, nodeIds };
}
