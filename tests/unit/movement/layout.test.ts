import { describe, expect, test } from "vitest";
import { firstReachEdges, layoutMovement, NODE_HEIGHT, NODE_WIDTH } from "@/components/movement/layout";
import type { MovementEdge, MovementNode } from "@/components/movement/types";

/** A seeded generator (mulberry32): the same graph on every run. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const host = (i: number): MovementNode => ({ id: `h${i}`, kind: "host", hostId: `h${i}`, name: `HOST-${i}`, ip: `10.0.${i >> 8}.${i & 255}`, alerts: 0, critical: false, addressKind: "host", owners: [] });
const edge = (s: number, t: number): MovementEdge => ({ source: `h${s}`, target: `h${t}`, connections: 1, alerts: 0, firstSeen: "2026-12-01T00:00:00Z", lastSeen: "2026-12-01T00:00:00Z", sourceIps: [] });

function bigGraph(hosts: number, edges: number, seed = 7) {
  const r = rng(seed);
  const nodes = Array.from({ length: hosts }, (_, i) => host(i));
  const seen = new Set<string>();
  const list: MovementEdge[] = [];
  while (list.length < edges) {
    const s = Math.floor(r() * hosts);
    const t = Math.floor(r() * hosts);
    if (s === t || seen.has(`${s}>${t}`)) continue;
    seen.add(`${s}>${t}`);
    list.push(edge(s, t));
  }
  return { nodes, edges: list };
}

const overlap = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.abs(a.x - b.x) < NODE_WIDTH && Math.abs(a.y - b.y) < NODE_HEIGHT;

describe("movement graph layout", () => {
  test("a chain reads left to right: each hop's target is right of its source", () => {
    const nodes = [host(1), host(2), host(3), host(4)];
    const { positions, treeEdges } = layoutMovement(nodes, [edge(1, 2), edge(2, 3), edge(2, 4)]);
    expect(treeEdges.size).toBe(3);
    expect(positions.get("h2")!.x).toBeGreaterThan(positions.get("h1")!.x);
    expect(positions.get("h3")!.x).toBeGreaterThan(positions.get("h2")!.x);
    expect(positions.get("h4")!.x).toBe(positions.get("h3")!.x);
    expect(overlap(positions.get("h3")!, positions.get("h4")!)).toBe(false);
  });

  test("a host sits right of the host that reached it first, not of a later one", () => {
    const nodes = [host(1), host(2), host(3), host(4)];
    const at = (d: string) => `2026-12-01T0${d}:00:00Z`;
    // 1 → 2 → 3 at hours 1 and 2; 4 → 3 only at hour 5 (and 1 → 4 at hour 3): 3 hangs off 2.
    const e = [
      { ...edge(1, 2), firstSeen: at("1") },
      { ...edge(2, 3), firstSeen: at("2") },
      { ...edge(1, 4), firstSeen: at("3") },
      { ...edge(4, 3), firstSeen: at("5") },
      { ...edge(3, 1), firstSeen: at("6") },
    ];
    // 3 → 1 would close a cycle: not a tree edge.
    expect(firstReachEdges(nodes, e).map((x) => `${x.source}>${x.target}`)).toEqual(["h1>h2", "h2>h3", "h1>h4"]);
    const { positions } = layoutMovement(nodes, e);
    expect(positions.get("h3")!.x).toBeGreaterThan(positions.get("h2")!.x);
    expect(positions.get("h2")!.x).toBe(positions.get("h4")!.x);
  });

  test("alerted edges decide the columns before routine ones: the intrusion reads left to right", () => {
    // JUMP (h9) reached h2 and h3 first, routinely; the intruder went h1 → h2 → h3 later, with alerts.
    const nodes = [host(1), host(2), host(3), host(9)];
    const at = (d: string) => `2026-12-01T0${d}:00:00Z`;
    const e = [
      { ...edge(9, 2), firstSeen: at("1") },
      { ...edge(9, 3), firstSeen: at("1") },
      { ...edge(1, 2), firstSeen: at("5"), alerts: 1 },
      { ...edge(2, 3), firstSeen: at("6"), alerts: 1 },
    ];
    const { positions } = layoutMovement(nodes, e);
    const x = (id: string) => positions.get(id)!.x;
    expect(x("h2")).toBeGreaterThan(x("h1"));
    expect(x("h3")).toBeGreaterThan(x("h2"));
  });

  test("a dense graph keeps about a wide panel's proportions (tall columns wrap)", () => {
    const { nodes, edges } = bigGraph(200, 2000);
    const { width, height } = layoutMovement(nodes, edges);
    expect(width / height).toBeGreaterThan(1.5);
    expect(width / height).toBeLessThan(6);
  });

  test("the same graph in another order gets the same positions; edges to unknown nodes and self-loops are ignored", () => {
    const { nodes, edges } = bigGraph(30, 60);
    const a = layoutMovement(nodes, edges);
    const b = layoutMovement([...nodes].reverse(), [...edges].reverse().concat([edge(1, 1), { ...edge(1, 2), target: "nowhere" }]));
    expect([...b.positions.entries()].sort()).toEqual([...a.positions.entries()].sort());
  });

  test("200 hosts and 2,000 edges: every node placed, none overlapping another, (the time it took is printed)", () => {
    const { nodes, edges } = bigGraph(200, 2000);
    const t0 = performance.now();
    const { positions } = layoutMovement(nodes, edges);
    const ms = performance.now() - t0;
    console.log(`layout of 200 hosts / 2,000 edges: ${ms.toFixed(0)} ms`);
    expect(positions.size).toBe(200);
    const list = [...positions.values()];
    for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) expect(overlap(list[i], list[j]), `${list[i].id} / ${list[j].id}`).toBe(false);
  });
});
