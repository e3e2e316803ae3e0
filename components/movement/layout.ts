import dagre from "@dagrejs/dagre";
import type { MovementEdge, MovementNode } from "./types";

/**
 * Positions for the movement graph, laid out by dagre (layered, left to right).
 *
 * What is laid out is the graph's *first-reach forest*: taking the edges in the order they were
 * first seen, an edge X → Y is a tree edge when Y had not been reached before; X becomes a root when
 * nothing reached it first. Each host thus sits one column right of the host that first reached it,
 * so a chain reads left to right in the order it happened, and the layout stays fast and uncrossed
 * however dense the graph (a layered layout of all 2,000 edges of a 200-host graph takes dagre over
 * a minute; the forest, about a tenth of a second). Every edge is still drawn; the others simply do
 * not move nodes. Pure and deterministic (ties broken by id); node sizes are fixed so the layout does
 * not depend on the browser's fonts.
 */
export const NODE_WIDTH = 176;
export const NODE_HEIGHT = 48;

export interface Positioned {
  id: string;
  x: number;
  y: number;
}

export interface LayoutResult {
  positions: Map<string, Positioned>;
  /** The edges that placed the nodes ("source→target"). */
  treeEdges: Set<string>;
  width: number;
  height: number;
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const edgeKey = (e: { source: string; target: string }) => `${e.source}→${e.target}`;

/** The first-reach forest's edges, in the order they were taken. */
export function firstReachEdges(nodes: MovementNode[], edges: MovementEdge[]): MovementEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const ordered = edges
    .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
    .sort((a, b) => cmp(a.firstSeen, b.firstSeen) || cmp(a.source, b.source) || cmp(a.target, b.target));
  const reached = new Set<string>();
  const tree: MovementEdge[] = [];
  for (const e of ordered) {
    if (reached.has(e.target)) continue;
    reached.add(e.source); // a root, if nothing reached it before
    reached.add(e.target);
    tree.push(e);
  }
  return tree;
}

export function layoutMovement(nodes: MovementNode[], edges: MovementEdge[]): LayoutResult {
  const g = new dagre.graphlib.Graph();
  const large = nodes.length > 60;
  g.setGraph({ rankdir: "LR", nodesep: large ? 12 : 22, ranksep: large ? 120 : 90, marginx: 16, marginy: 16 });
  g.setDefaultEdgeLabel(() => ({}));
  // Sorted input: dagre's result depends on insertion order, and the API's order need not be stable.
  const sortedNodes = [...nodes].sort((a, b) => cmp(a.id, b.id));
  for (const n of sortedNodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const tree = firstReachEdges(nodes, edges).sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target));
  for (const e of tree) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const positions = new Map<string, Positioned>();
  for (const n of sortedNodes) {
    const p = g.node(n.id);
    // dagre gives centres; the graph component places top-left corners.
    positions.set(n.id, { id: n.id, x: Math.round((p.x ?? 0) - NODE_WIDTH / 2), y: Math.round((p.y ?? 0) - NODE_HEIGHT / 2) });
  }
  const label = g.graph();
  return { positions, treeEdges: new Set(tree.map(edgeKey)), width: Number(label.width ?? 0), height: Number(label.height ?? 0) };
}
