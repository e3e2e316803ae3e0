import { requirePermission } from "../auth/actor";
import { criticalRules, incidentParts } from "../db/queries/incidents";
import { latestHostInfo, movementEdges, ownersOf } from "../db/queries/movement";
import { parallelReads, readSql, type Sql } from "../db/queries/sql";
import { env } from "../env";
import type { ServiceContext } from "../service-context";
import { notFound } from "../http/errors";
import { HOUR_MS, parseWindow } from "../investigation/time-window";
import { INVESTIGATION_WINDOW } from "../validation/common";
import { movementQuerySchema } from "../validation/movement";
import { addressNodeJson, compareEdges, hostNodeId, hostNodeJson, namedHostNode, selectGraph, type GraphEdge } from "./build-graph";
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
  const filter = { hostId: q.hostId, ip: q.ip, nodeIds, incidentId };
  // On the caller's transaction, one statement; else the parts at once, on one snapshot.
  return movementGraph(sql, window, filter, ctx.tx ? undefined : { parts: env().MOVEMENT_QUERY_PARTS, run: parallelReads });
}

/** The busiest edges the database hands over; the graph keeps MOVEMENT_MAX_EDGES of them (some may not fit MOVEMENT_MAX_NODES). */
export const MOVEMENT_CANDIDATE_EDGES = 3 * MOVEMENT_MAX_EDGES;

/** How the parts of a window's edges are read: `run` gives each part its Sql (parallelReads, or one after another on one). */
export interface EdgeParts {
  parts: number;
  run: <T>(parts: number, fn: (sql: Sql, part: number) => Promise<T>) => Promise<T[]>;
}

/** Parts one after another on `sql`. */
const onOne = (sql: Sql): EdgeParts["run"] => async (parts, fn) => {
  const out = [];
  for (let part = 0; part < parts; part++) out.push(await fn(sql, part));
  return out;
};

/**
 * The graph of a window: the database builds, filters and ranks the edges (movementEdges, with
 * lib/movement/build-graph.ts's semantics), in `edgeParts.parts` parts when unfiltered, and hands
 * over the busiest of each; here they are merged and bounded (selectGraph), and the nodes kept get
 * their names, addresses, owners and critical marks.
 */
export async function movementGraph(
  sql: Sql,
  window: { from: Date; to: Date },
  filter: { hostId?: string; ip?: string; nodeIds?: Set<string>; incidentId?: string },
  edgeParts: EdgeParts = { parts: 1, run: onOne(sql) },
): Promise<MovementGraphJson> {
  // An incident's graph only needs the connections into its own hosts.
  const targets = filter.nodeIds ? [...filter.nodeIds].filter((id) => id.startsWith("host:")).map((id) => id.slice(5)) : undefined;
  // A filtered graph is small: one part.
  const parts = filter.hostId || filter.ip || filter.nodeIds ? 1 : edgeParts.parts;
  const [results, rules] = await Promise.all([
    edgeParts.run(parts, (s, part) =>
      movementEdges(s, window.from, window.to, {
        targets, incidentId: filter.incidentId, hostId: filter.hostId, ip: filter.ip, nodeIds: filter.nodeIds ? [...filter.nodeIds] : undefined,
        limit: MOVEMENT_CANDIDATE_EDGES, part, parts,
      }),
    ),
    criticalRules(sql),
  ]);
  const isCritical = criticalMatcher(rules.map((r) => ({ hostId: r.host_id, pattern: r.pattern })));
  // The parts' busiest edges together, in the graph's order: the busiest of the whole window.
  const edges: GraphEdge[] = results
    .flatMap((r) => r.edges)
    .map((e) => ({ source: e.source, target: hostNodeId(e.host_id), connections: e.connections, alerts: e.alerts, firstSeen: e.first_seen, lastSeen: e.last_seen, ips: new Set(e.ips) }))
    .sort(compareEdges)
    .slice(0, MOVEMENT_CANDIDATE_EDGES);
  const hostAlerts = results[results.length - 1].hostAlerts;
  const alertsOf = new Map(hostAlerts.map((h) => [h.host_id, h.alerts]));

  // Stand-in nodes: names, addresses, critical marks and owners are worked out below, for the nodes
  // the graph keeps only.
  const nodes = new Map<string, MovementNodeJson>();
  const hostNode = (hostId: string) => {
    const id = hostNodeId(hostId);
    if (!nodes.has(id)) nodes.set(id, hostNodeJson(hostId, null, null, alertsOf.get(hostId) ?? 0, false));
  };
  for (const e of edges) {
    hostNode(e.target.slice(5));
    if (e.source.startsWith("host:")) hostNode(e.source.slice(5));
    else if (!nodes.has(e.source)) nodes.set(e.source, addressNodeJson(e.source.slice(3), [], "unknown"));
  }
  // Hosts with alerts but no edge (selectGraph keeps them while they fit, unfiltered or the filter's host).
  for (const h of hostAlerts) hostNode(h.host_id);
  const graph = selectGraph({
    nodes,
    edges,
    filter,
    window,
    maxEdges: MOVEMENT_MAX_EDGES,
    maxNodes: MOVEMENT_MAX_NODES,
    totals: {
      nodes: results.reduce((n, r) => n + r.addressNodes, 0) + new Set(results.flatMap((r) => r.hostNodes)).size,
      edges: results.reduce((n, r) => n + r.totalEdges, 0),
    },
  });

  const ambiguous = new Set(results.flatMap((r) => r.ambiguous));
  const [hostInfo, owners] = await Promise.all([
    latestHostInfo(sql, graph.nodes.filter((n) => n.kind === "host").map((n) => n.hostId!), window.from, window.to),
    ownersOf(sql, graph.nodes.filter((n) => n.kind === "address" && ambiguous.has(n.ip!)).map((n) => n.ip!), window.from, window.to),
  ]);
  graph.nodes = graph.nodes.map((n) =>
    n.kind === "address"
      ? addressNodeJson(n.ip!, ownersInWindow(owners, n.ip!, window.from.getTime(), window.to.getTime()))
      : namedHostNode(n.hostId!, hostInfo.get(n.hostId!), n.alerts, isCritical),
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
