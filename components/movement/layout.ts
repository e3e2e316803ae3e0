import dagre from "@dagrejs/dagre";
import type { MovementEdge, MovementNode } from "./types";

/**
 * Positions for the movement graph, laid out by dagre (layered, left to right).
 *
 * What is laid out is the graph's *first-reach forest* (firstReachEdges): each node hangs off the
 * node that reached it first, alerted edges taking precedence, so an intrusion's chain reads left
 * to right in the order it happened rather than the admins' routine remoting deciding the columns.
 * Laying out a forest keeps dagre fast and uncrossed however dense the graph (a layered layout of all
 * 2,000 edges of a 200-host graph takes dagre over a minute; the forest, about a tenth of a second).
 * Every edge is still drawn; the others simply do not move nodes. Columns taller than the panel's
 * proportions allow are wrapped into sub-columns (wrapColumns). Pure and deterministic (ties broken
 * by id); node sizes are fixed so the layout does not depend on the browser's fonts.
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

/**
 * The first-reach forest's edges, in the order they were taken: alerted edges first (so that an
 * intrusion's chain, not the admins' routine remoting, decides the columns), each group by first
 * seen. An edge is taken when its target has no parent yet and it would not close a cycle.
 */
export function firstReachEdges(nodes: MovementNode[], edges: MovementEdge[]): MovementEdge[] {
  const ids = new Set(nodes.map((n) => n.id));
  const ordered = edges
    .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
    .sort((a, b) => Number(b.alerts > 0) - Number(a.alerts > 0) || cmp(a.firstSeen, b.firstSeen) || cmp(a.source, b.source) || cmp(a.target, b.target));
  const parent = new Map<string, string>();
  const tree: MovementEdge[] = [];
  for (const e of ordered) {
    if (parent.has(e.target)) continue;
    let up: string | undefined = e.source;
    while (up !== undefined && up !== e.target) up = parent.get(up);
    if (up === e.target) continue; // the target is an ancestor of the source
    parent.set(e.target, e.source);
    tree.push(e);
  }
  return tree;
}

/**
 * Wraps tall columns: a dense graph's forest has few columns of many nodes each, which fitted to a
 * wide panel would be unreadably small. A column of more than `rows` nodes is split, in dagre's
 * order, into side-by-side sub-columns, and every column is centred on one middle line, so the whole
 * graph keeps about the panel's proportions.
 */
function wrapColumns(centres: Map<string, { x: number; y: number }>, rows: number, gapX: number, gapY: number): Map<string, { x: number; y: number }> {
  const columns = new Map<number, string[]>();
  for (const [id, p] of centres) columns.set(Math.round(p.x), [...(columns.get(Math.round(p.x)) ?? []), id]);
  const out = new Map<string, { x: number; y: number }>();
  const subGap = gapX / 3;
  let x = 0;
  for (const key of [...columns.keys()].sort((a, b) => a - b)) {
    const ids = columns.get(key)!.sort((a, b) => centres.get(a)!.y - centres.get(b)!.y || cmp(a, b));
    const parts = Math.ceil(ids.length / rows);
    ids.forEach((id, i) => {
      const sub = Math.floor(i / rows);
      const inSub = Math.min(rows, ids.length - sub * rows);
      const row = i % rows;
      out.set(id, { x: x + sub * (NODE_WIDTH + subGap), y: (row - (inSub - 1) / 2) * (NODE_HEIGHT + gapY) });
    });
    x += parts * (NODE_WIDTH + subGap) - subGap + gapX;
  }
  return out;
}

export function layoutMovement(nodes: MovementNode[], edges: MovementEdge[]): LayoutResult {
  const g = new dagre.graphlib.Graph();
  const large = nodes.length > 60;
  g.setGraph({ rankdir: "LR", nodesep: large ? 12 : 22, ranksep: large ? 120 : 90, marginx: 0, marginy: 0 });
  g.setDefaultEdgeLabel(() => ({}));
  // Sorted input: dagre's result depends on insertion order, and the API's order need not be stable.
  const sortedNodes = [...nodes].sort((a, b) => cmp(a.id, b.id));
  for (const n of sortedNodes) g.setNode(n.id, { width: NODE_WIDTH, height: NODE_HEIGHT });
  const tree = firstReachEdges(nodes, edges).sort((a, b) => cmp(a.source, b.source) || cmp(a.target, b.target));
  for (const e of tree) g.setEdge(e.source, e.target);
  dagre.layout(g);
  const gapX = large ? 120 : 90;
  const gapY = large ? 12 : 22;
  let centres = new Map(sortedNodes.map((n) => [n.id, { x: g.node(n.id).x ?? 0, y: g.node(n.id).y ?? 0 }]));
  // About 3 : 1 (a wide panel): rows ≈ √(n · cell width / (3 · cell height)).
  const rows = Math.max(8, Math.ceil(Math.sqrt((nodes.length * (NODE_WIDTH + gapX)) / (3 * (NODE_HEIGHT + gapY)))));
  const perColumn = new Map<number, number>();
  for (const p of centres.values()) perColumn.set(Math.round(p.x), (perColumn.get(Math.round(p.x)) ?? 0) + 1);
  const tallest = Math.max(0, ...perColumn.values());
  if (tallest > rows) centres = wrapColumns(centres, rows, gapX, gapY);
  const positions = new Map<string, Positioned>();
  let [minX, minY, maxX, maxY] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const n of sortedNodes) {
    const p = centres.get(n.id)!;
    // Centres → the top-left corners the graph component places.
    const pos = { id: n.id, x: Math.round(p.x - NODE_WIDTH / 2), y: Math.round(p.y - NODE_HEIGHT / 2) };
    positions.set(n.id, pos);
    [minX, minY, maxX, maxY] = [Math.min(minX, pos.x), Math.min(minY, pos.y), Math.max(maxX, pos.x + NODE_WIDTH), Math.max(maxY, pos.y + NODE_HEIGHT)];
  }
  return { positions, treeEdges: new Set(tree.map(edgeKey)), width: nodes.length ? maxX - minX : 0, height: nodes.length ? maxY - minY : 0 };
}
