import type { ProcessNode, ProcessTree } from "./types";

/** Ancestor keys of a node, nearest first. */
export function ancestorKeys(tree: ProcessTree, key: string): string[] {
  const out: string[] = [];
  const seen = new Set<string>([key]);
  for (let p = tree.nodes[key]?.parentKey ?? null; p && !seen.has(p); p = tree.nodes[p]?.parentKey ?? null) {
    out.push(p);
    seen.add(p);
  }
  return out;
}

/** The node and every node below it. */
export function subtreeKeys(tree: ProcessTree, key: string): string[] {
  const out: string[] = [];
  const stack = [key];
  const seen = new Set<string>();
  while (stack.length) {
    const k = stack.pop()!;
    if (seen.has(k) || !tree.nodes[k]) continue;
    seen.add(k);
    out.push(k);
    stack.push(...tree.nodes[k].children);
  }
  return out;
}

/** A tree restricted to `keep`: a kept node whose parent is dropped becomes a root. */
export function pruneTree(tree: ProcessTree, keep: Set<string>): ProcessTree {
  const nodes: Record<string, ProcessNode> = {};
  for (const k of keep) {
    const n = tree.nodes[k];
    if (!n) continue;
    const parentKept = n.parentKey !== null && keep.has(n.parentKey);
    nodes[k] = {
      ...n,
      parentKey: parentKept ? n.parentKey : null,
      edge: parentKept ? n.edge : null,
      children: n.children.filter((c) => keep.has(c)),
    };
  }
  const roots = [...tree.roots.filter((k) => nodes[k]), ...Object.keys(nodes).filter((k) => nodes[k].parentKey === null && !tree.roots.includes(k))];
  return { nodes, roots };
}

export interface AlertTreeSelection {
  tree: ProcessTree;
  /** The alert's process (highlighted). */
  focusKey: string;
  /** The alert's process and its ancestors, nearest first. */
  lineage: string[];
  /** The other processes started by the same parent (wsmprovhost.exe / winrshost.exe). */
  siblings: string[];
}

/**
 * The part of a tree an alert needs: the focus process with its ancestors, its descendants and the
 * other processes its parent started (with their descendants).
 */
export function selectAlertTree(tree: ProcessTree, focusKey: string): AlertTreeSelection {
  const keep = new Set<string>([focusKey]);
  const ancestors = ancestorKeys(tree, focusKey);
  ancestors.forEach((k) => keep.add(k));
  subtreeKeys(tree, focusKey).forEach((k) => keep.add(k));
  const parentKey = tree.nodes[focusKey]?.parentKey ?? null;
  const siblings = parentKey ? tree.nodes[parentKey].children.filter((k) => k !== focusKey) : [];
  for (const s of siblings) subtreeKeys(tree, s).forEach((k) => keep.add(k));
  return { tree: pruneTree(tree, keep), focusKey, lineage: [focusKey, ...ancestors], siblings };
}

/** Finds the node of a start event by its store seq, else by entity id, else by host + pid nearest in time. */
export function findNode(
  tree: ProcessTree,
  q: { seq?: string | null; entityId?: string | null; hostId?: string | null; pid?: number | null; at?: string | null },
): string | null {
  const nodes = Object.values(tree.nodes);
  if (q.seq) {
    const hit = nodes.find((n) => n.event?.seq === q.seq);
    if (hit) return hit.key;
  }
  if (q.entityId) {
    const hit = nodes.find((n) => n.entityId === q.entityId && !n.synthesized);
    if (hit) return hit.key;
  }
  if (q.pid != null) {
    const at = q.at ? Date.parse(q.at) : 0;
    const hits = nodes.filter((n) => !n.synthesized && n.pid === q.pid && (q.hostId == null || n.hostId === q.hostId));
    hits.sort((a, b) => Math.abs(Date.parse(a.startedAt!) - at) - Math.abs(Date.parse(b.startedAt!) - at));
    if (hits[0]) return hits[0].key;
  }
  return null;
}
