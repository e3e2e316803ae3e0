import type { ChainHopJson, ChainJson, HopEndJson } from "./types";

/**
 * Chains of hops (pure). A hop X → Y is an alert on Y whose source is X, or a WinRM connection to
 * Y from an address X held. A hop X → Y *extends* a hop W → X when it begins after it and at most
 * the chain window later (strictly after, at most windowMs: inclusive). A chain is a set of hops
 * connected by "extends" (in either direction). For each chain:
 * - hops in time order (ties by id), each with its depth: 1 with nothing to extend, else one more
 *   than the deepest hop it extends;
 * - depth: the deepest hop; breadth: the distinct hosts reached;
 * - patient zero: the source of the earliest hop of depth 1 whose source no hop of the chain
 *   reaches (when every source is reached, the earliest hop's source).
 * Chains are listed largest first (hops, then earliest first hop, then id).
 */
export interface Hop {
  kind: "alert" | "connection";
  id: string;
  at: number;
  source: HopEndJson;
  /** The host reached (hostId required). */
  target: HopEndJson & { hostId: string };
}

const endKey = (e: HopEndJson) => (e.hostId ? `h:${e.hostId}` : `a:${e.ip ?? ""}`);

export function buildChains(input: Hop[], windowMs: number): ChainJson[] {
  const hops = [...input].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const n = hops.length;
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
    return i;
  };
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  };

  // Hops by the host they reach, in time order (indexes into `hops`).
  const byTarget = new Map<string, number[]>();
  hops.forEach((h, i) => {
    const list = byTarget.get(h.target.hostId) ?? [];
    list.push(i);
    byTarget.set(h.target.hostId, list);
  });

  const depth = new Array<number>(n).fill(1);
  for (let i = 0; i < n; i++) {
    const h = hops[i];
    if (!h.source.hostId) continue;
    const reaching = byTarget.get(h.source.hostId);
    if (!reaching) continue;
    for (const j of reaching) {
      const p = hops[j];
      if (p.at >= h.at) break;
      if (h.at - p.at > windowMs) continue;
      union(i, j);
      depth[i] = Math.max(depth[i], depth[j] + 1);
    }
  }

  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const r = find(i);
    const g = groups.get(r) ?? [];
    g.push(i);
    groups.set(r, g);
  }

  const chains = [...groups.values()].map((idx): ChainJson & { first: Hop } => {
    const reached = new Set(idx.map((i) => `h:${hops[i].target.hostId}`));
    const root = idx.find((i) => depth[i] === 1 && !reached.has(endKey(hops[i].source))) ?? idx[0];
    const chainHops: ChainHopJson[] = idx.map((i) => ({
      kind: hops[i].kind,
      id: hops[i].id,
      at: new Date(hops[i].at).toISOString(),
      source: hops[i].source,
      target: hops[i].target,
      depth: depth[i],
    }));
    return {
      patientZero: hops[root].source,
      hops: chainHops,
      depth: Math.max(...idx.map((i) => depth[i])),
      breadth: reached.size,
      first: hops[idx[0]],
    };
  });
  chains.sort((a, b) => b.hops.length - a.hops.length || a.first.at - b.first.at || (a.first.id < b.first.id ? -1 : 1));
  return chains.map(({ first: _first, ...c }) => c);
}
