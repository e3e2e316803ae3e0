import { requirePermission } from "../auth/actor";
import { criticalRules, incidentParts } from "../db/queries/incidents";
import { latestHostIps, movementEdges, ownersOf } from "../db/queries/movement";
import { prismaSql, readSql, type Sql } from "../db/queries/sql";
import { inTransaction } from "../db/client";
import type { ServiceContext } from "../service-context";
import { notFound } from "../http/errors";
import { HOUR_MS, parseWindow } from "../investigation/time-window";
import { INVESTIGATION_WINDOW } from "../validation/common";
import { movementQuerySchema } from "../validation/movement";
import { addressNodeJson, hostNodeId, hostNodeJson, selectGraph, type GraphEdge } from "./build-graph";
import { criticalMatcher } from "./critical";
import { ownersInWindow } from "./ownership";
import { MOVEMENT_MAX_EDGES, MOVEMENT_MAX_NODES, type MovementGraphJson, type MovementNodeJson } from "./types";

/**
 * `GET /api/v1/movement`: the movement graph of a window (default the last 24 h, at most 31 days),
 * optionally around a host, an address, or one incident (its alerts' hosts and addresses, over
 * its own time span unless from/to say otherwise).
 */
export async function getMovement(input: unknown, ctx: ServiceContext): Promise<MovementGraphJson> {
  requirePermission(ctx.actor, "read");
  const q = movementQuerySchema.parse(input);
  const sql = readSql(ctx.tx);
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
    INVESTIGATION_WINDOW,
  );
  // One read transaction, so the graph's query may use more sort and hash memory (movementEdges).
  return inTransaction(ctx.tx, (tx) => movementGraph(prismaSql(tx), window, { hostId: q.hostId, ip: q.ip, nodeIds, incidentId }), { timeout: 60_000 });
}

/** The busiest edges the database hands over; the graph keeps MOVEMENT_MAX_EDGES of them (some may not fit MOVEMENT_MAX_NODES). */
export const MOVEMENT_CANDIDATE_EDGES = 3 * MOVEMENT_MAX_EDGES;

/**
 * The graph of a window: the database builds, filters and ranks the edges (movementEdges, with
 * lib/movement/build-graph.ts's semantics) and hands over the busiest; here they get their nodes
 * (names, addresses, owners, critical) and the node and edge bounds (selectGraph).
 */
export async function movementGraph(
  sql: Sql,
  window: { from: Date; to: Date },
  filter: { hostId?: string; ip?: string; nodeIds?: Set<string>; incidentId?: string },
): Promise<MovementGraphJson> {
  // An incident's graph only needs the connections into its own hosts.
  const targets = filter.nodeIds ? [...filter.nodeIds].filter((id) => id.startsWith("host:")).map((id) => id.slice(5)) : undefined;
  const [result, rules] = await Promise.all([
    movementEdges(sql, window.from, window.to, {
      targets, incidentId: filter.incidentId, hostId: filter.hostId, ip: filter.ip, nodeIds: filter.nodeIds ? [...filter.nodeIds] : undefined, limit: MOVEMENT_CANDIDATE_EDGES,
    }),
    criticalRules(sql),
  ]);
  const isCritical = criticalMatcher(rules.map((r) => ({ hostId: r.host_id, pattern: r.pattern })));
  const hostIds = new Set<string>(result.hostAlerts.map((h) => h.host_id));
  for (const e of result.edges) {
    hostIds.add(e.host_id);
    if (e.source_host_id) hostIds.add(e.source_host_id);
  }
  const [hostInfo, ambiguousOwners] = await Promise.all([
    latestHostIps(sql, [...hostIds], window.from, window.to),
    ownersOf(sql, result.ambiguous, window.from, window.to),
  ]);

  const nodes = new Map<string, MovementNodeJson>();
  const alertsOf = new Map(result.hostAlerts.map((h) => [h.host_id, h]));
  const hostNode = (hostId: string, name: string | null) => {
    const id = hostNodeId(hostId);
    let n = nodes.get(id);
    if (!n) {
      const known = hostInfo.get(hostId);
      const nodeName = name ?? alertsOf.get(hostId)?.host_name ?? known?.name ?? null;
      n = hostNodeJson(hostId, nodeName, known?.ip ?? null, alertsOf.get(hostId)?.alerts ?? 0, isCritical(hostId, nodeName));
      nodes.set(id, n);
    }
    return n;
  };
  const edges: GraphEdge[] = result.edges.map((e) => {
    hostNode(e.host_id, e.host_name);
    if (e.source_host_id) hostNode(e.source_host_id, hostInfo.get(e.source_host_id)?.name ?? null);
    // An address node's owners and kind are filled in below, for the nodes the graph keeps only.
    else if (!nodes.has(e.source)) nodes.set(e.source, addressNodeJson(e.source.slice(3), [], "unknown"));
    return { source: e.source, target: hostNodeId(e.host_id), connections: e.connections, alerts: e.alerts, firstSeen: e.first_seen, lastSeen: e.last_seen, sourceIps: [], ips: new Set(e.ips) };
  });
  // Hosts with alerts but no edge (selectGraph keeps them while they fit, unfiltered or the filter's host).
  for (const h of result.hostAlerts) hostNode(h.host_id, h.host_name);
  const graph = selectGraph({
    nodes,
    edges,
    filter,
    window,
    maxEdges: MOVEMENT_MAX_EDGES,
    maxNodes: MOVEMENT_MAX_NODES,
    totals: { nodes: result.totalNodes, edges: result.totalEdges },
  });
  graph.nodes = graph.nodes.map((n) =>
    n.kind === "address" ? addressNodeJson(n.ip!, ownersInWindow(ambiguousOwners, n.ip!, window.from.getTime(), window.to.getTime())) : n,
  );
  return graph;
}

/** An incident's nodes (its targets, its source hosts and addresses) and time span. */
async function incidentScope(sql: Sql, id: string): Promise<{ id: string; from: Date; to: Date; nodeIds: Set<string> }> {
  const scope = await incidentParts(sql, id);
  if (!scope) throw notFound("Incident");
  const nodeIds = new Set<string>();
  for (const p of scope.parts) {
    nodeIds.add(`host:${p.host_id}`);
    if (p.source_host_id) nodeIds.add(`host:${p.source_host_id}`);
    if (p.source_ip) nodeIds.add(`ip:${p.source_ip}`);
  }
  const now = new Date();
  return { id, from: scope.first ?? now, to: scope.last ?? now, nodeIds };
}
