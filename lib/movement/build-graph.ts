import { addressInfo } from "./address-info";
import type { AddressOwnerJson, MovementEdgeJson, MovementGraphJson, MovementNodeJson } from "./types";

/**
 * The movement graph (pure): inbound WinRM connections and alerts per (source address, target
 * host) become edges source → target. A source address that exactly one host held in the window
 * is that host's node; otherwise it is an address node (external, unknown host, or ambiguous with
 * every owner listed). A host node shows the address and name of `hostInfo` (the host's latest in
 * the window). Edges are kept busiest first (alerts, then connections, then first seen),
 * at most `maxEdges`, and only while their nodes fit in `maxNodes`; `truncated` says when any was
 * left out. Filters: `hostId` keeps edges touching that host, `ip` edges from that address or
 * touching a host that held it, `nodeIds` edges between those nodes only.
 */
export interface PairInput {
  sourceIp: string | null;
  hostId: string;
  connections: number;
  alerts: number;
  firstSeen: Date;
  lastSeen: Date;
}

export interface GraphInput {
  pairs: PairInput[];
  owners: Map<string, AddressOwnerJson[]>;
  /** Per host, what its node shows (lib/db/queries/movement.ts latestHostInfo). */
  hostInfo: Map<string, HostInfo>;
  isCritical: (hostId: string, hostName: string | null) => boolean;
  window: { from: Date; to: Date };
  filter?: { hostId?: string; ip?: string; nodeIds?: Set<string> };
  maxEdges: number;
  maxNodes: number;
}

export const hostNodeId = (hostId: string) => `host:${hostId}`;
export const addressNodeId = (ip: string) => `ip:${ip}`;

/** What a host node shows of its host: its latest address and name in the window (latestHostInfo). */
export type HostInfo = { ip: string | null; name: string | null };

/** A host's node as `info` names it, critical by `isCritical`. */
export function namedHostNode(hostId: string, info: HostInfo | undefined, alerts: number, isCritical: (hostId: string, hostName: string | null) => boolean): MovementNodeJson {
  const name = info?.name ?? null;
  return hostNodeJson(hostId, name, info?.ip ?? null, alerts, isCritical(hostId, name));
}

/** A host's node. */
export function hostNodeJson(hostId: string, name: string | null, ip: string | null, alerts: number, critical: boolean): MovementNodeJson {
  return { id: hostNodeId(hostId), kind: "host", hostId, name, ip, alerts, critical, addressKind: "host", owners: [] };
}

/**
 * The node of an address no single host held: external, unknown host, or ambiguous with its owners
 * (`kind` given: a stand-in whose owners and kind are worked out later).
 */
export function addressNodeJson(ip: string, owners: AddressOwnerJson[], kind = addressInfo(ip, owners).kind): MovementNodeJson {
  return { id: addressNodeId(ip), kind: "address", hostId: null, name: ip, ip, alerts: 0, critical: false, addressKind: kind, owners };
}

/**
 * An edge while the graph is built: first and last seen in epoch ms (made text for the edges kept
 * only), and every source address it was made of (before the 10 listed in `sourceIps`).
 */
export interface GraphEdge {
  source: string;
  target: string;
  connections: number;
  alerts: number;
  firstSeen: number;
  lastSeen: number;
  ips: Set<string>;
}

export function buildGraph(input: GraphInput): MovementGraphJson {
  const nodes = new Map<string, MovementNodeJson>();
  const hostNode = (hostId: string): MovementNodeJson => {
    const id = hostNodeId(hostId);
    let n = nodes.get(id);
    if (!n) {
      n = namedHostNode(hostId, input.hostInfo.get(hostId), 0, input.isCritical);
      nodes.set(id, n);
    }
    return n;
  };
  const sourceNode = (ip: string): MovementNodeJson => {
    const owners = input.owners.get(ip) ?? [];
    if (owners.length === 1) return hostNode(owners[0].hostId);
    const id = addressNodeId(ip);
    let n = nodes.get(id);
    if (!n) {
      n = addressNodeJson(ip, owners);
      nodes.set(id, n);
    }
    return n;
  };

  const edges = new Map<string, GraphEdge>();
  for (const p of input.pairs) {
    const target = hostNode(p.hostId);
    target.alerts += p.alerts;
    if (!p.sourceIp) continue;
    const source = sourceNode(p.sourceIp);
    if (source.id === target.id) continue;
    const key = `${source.id}\u0000${target.id}`;
    const first = p.firstSeen.getTime();
    const last = p.lastSeen.getTime();
    const e = edges.get(key);
    if (!e) edges.set(key, { source: source.id, target: target.id, connections: p.connections, alerts: p.alerts, firstSeen: first, lastSeen: last, ips: new Set([p.sourceIp]) });
    else {
      e.connections += p.connections;
      e.alerts += p.alerts;
      if (first < e.firstSeen) e.firstSeen = first;
      if (last > e.lastSeen) e.lastSeen = last;
      e.ips.add(p.sourceIp);
    }
  }

  let list = [...edges.values()];
  const f = input.filter ?? {};
  if (f.hostId) list = list.filter((e) => e.source === hostNodeId(f.hostId!) || e.target === hostNodeId(f.hostId!));
  if (f.ip) {
    const holders = new Set((input.owners.get(f.ip) ?? []).map((o) => hostNodeId(o.hostId)));
    list = list.filter((e) => e.ips.has(f.ip!) || holders.has(e.source) || holders.has(e.target));
  }
  if (f.nodeIds) list = list.filter((e) => f.nodeIds!.has(e.source) && f.nodeIds!.has(e.target));
  return selectGraph({ nodes, edges: list, filter: f, window: input.window, maxEdges: input.maxEdges, maxNodes: input.maxNodes });
}

/**
 * The edges' order: alerts, then connections, then first seen, then the source id, then the
 * target id. Ids compare by code unit, as the database's `COLLATE "C"` does, not by locale.
 */
export function compareEdges(a: GraphEdge, b: GraphEdge): number {
  return b.alerts - a.alerts || b.connections - a.connections || a.firstSeen - b.firstSeen || codeUnitOrder(a.source, b.source) || codeUnitOrder(a.target, b.target);
}

const codeUnitOrder = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The bounded graph from filtered edges and their nodes: the busiest edges first, at most
 * `maxEdges`, only while their nodes fit in `maxNodes`; without a filter, hosts with alerts but no
 * edge are kept too while they fit. `totals` are the edges and nodes before the bounds: counted
 * here, or given when `edges` are only the busiest of them (the database's path, get-movement.ts).
 */
export function selectGraph(args: {
  nodes: Map<string, MovementNodeJson>;
  edges: GraphEdge[];
  filter: { hostId?: string; ip?: string; nodeIds?: Set<string> };
  window: { from: Date; to: Date };
  maxEdges: number;
  maxNodes: number;
  totals?: { nodes: number; edges: number };
}): MovementGraphJson {
  const { nodes, filter: f } = args;
  const list = [...args.edges].sort(compareEdges);
  const filtered = f.hostId || f.ip || f.nodeIds;
  const relevant = new Set<string>();
  for (const e of list) relevant.add(e.source).add(e.target);
  if (f.hostId && nodes.has(hostNodeId(f.hostId))) relevant.add(hostNodeId(f.hostId));
  // Without a filter, hosts with alerts but no edge stay visible.
  if (!filtered) for (const n of nodes.values()) if (n.alerts > 0) relevant.add(n.id);

  const keptNodes = new Set<string>();
  const keptEdges: MovementEdgeJson[] = [];
  let truncated = args.totals ? args.totals.edges > list.length : false;
  for (const e of list) {
    if (keptEdges.length >= args.maxEdges) {
      truncated = true;
      break;
    }
    const needed = (keptNodes.has(e.source) ? 0 : 1) + (keptNodes.has(e.target) ? 0 : 1);
    if (keptNodes.size + needed > args.maxNodes) {
      truncated = true;
      continue;
    }
    keptNodes.add(e.source).add(e.target);
    keptEdges.push({
      source: e.source, target: e.target, connections: e.connections, alerts: e.alerts,
      firstSeen: new Date(e.firstSeen).toISOString(), lastSeen: new Date(e.lastSeen).toISOString(), sourceIps: [...e.ips].sort().slice(0, 10),
    });
  }
  const unkept = [...relevant].filter((id) => !keptNodes.has(id));
  if (unkept.length && keptNodes.size >= args.maxNodes) truncated = true;
  else
    for (const id of unkept.sort()) {
      if (keptNodes.size >= args.maxNodes) {
        truncated = true;
        break;
      }
      keptNodes.add(id);
    }
  const outNodes = [...keptNodes].map((id) => nodes.get(id)!).sort((a, b) => b.alerts - a.alerts || (a.id < b.id ? -1 : 1));
  return {
    nodes: outNodes,
    edges: keptEdges,
    truncated,
    window: { from: args.window.from.toISOString(), to: args.window.to.toISOString() },
    totals: args.totals ?? { nodes: relevant.size, edges: list.length },
  };
}
