import { describe, expect, test } from "vitest";
import { buildGraph, type GraphInput, type PairInput } from "@/lib/movement/build-graph";
import { criticalMatcher, patternLike } from "@/lib/movement/critical";
import type { AddressOwnerJson } from "@/lib/movement/types";

const T = new Date("2026-12-01T08:00:00Z");
const later = (ms: number) => new Date(T.getTime() + ms);
const owner = (hostId: string, hostName: string): AddressOwnerJson => ({ hostId, hostName, firstSeen: T.toISOString(), lastSeen: T.toISOString() });
const pair = (sourceIp: string | null, hostId: string, connections: number, alerts: number, at = T): PairInput => ({
  sourceIp, hostId, connections, alerts, firstSeen: at, lastSeen: at,
});

function input(pairs: PairInput[], extra: Partial<GraphInput> = {}): GraphInput {
  return {
    pairs,
    owners: new Map([
      ["10.13.37.5", [owner("wks017", "WKS-017")]],
      ["10.20.1.21", [owner("file", "SRV-FILE-01")]],
      ["10.13.37.50", [owner("wks-a", "WKS-A"), owner("wks-b", "WKS-B")]],
    ]),
    hostInfo: new Map([
      ["file", { ip: "10.20.1.21", name: "SRV-FILE-01" }],
      ["dc", { ip: null, name: "DC-01" }],
      ["wks017", { ip: "10.13.37.5", name: "WKS-017" }],
    ]),
    isCritical: criticalMatcher([{ hostId: null, pattern: "DC-*" }]),
    window: { from: T, to: later(86_400_000) },
    maxEdges: 2000,
    maxNodes: 500,
    ...extra,
  };
}

describe("the movement graph", () => {
  test("owned addresses become their hosts; connections and alerts add up per edge; critical hosts marked", () => {
    const g = buildGraph(input([pair("10.13.37.5", "file", 5, 4), pair("10.20.1.21", "dc", 3, 2, later(3_600_000))]));
    expect(g.edges).toEqual([
      { source: "host:wks017", target: "host:file", connections: 5, alerts: 4, firstSeen: T.toISOString(), lastSeen: T.toISOString(), sourceIps: ["10.13.37.5"] },
      { source: "host:file", target: "host:dc", connections: 3, alerts: 2, firstSeen: later(3_600_000).toISOString(), lastSeen: later(3_600_000).toISOString(), sourceIps: ["10.20.1.21"] },
    ]);
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get("host:file")).toMatchObject({ kind: "host", name: "SRV-FILE-01", ip: "10.20.1.21", alerts: 4, critical: false });
    expect(byId.get("host:dc")).toMatchObject({ alerts: 2, critical: true });
    expect(byId.get("host:wks017")).toMatchObject({ alerts: 0 });
    expect(g.truncated).toBe(false);
  });

  test("a host node shows the host's latest address and name (hostInfo), not its owners' or pairs' names", () => {
    const info = new Map([["web", { ip: "10.9.0.2", name: "WEB-NEW" }], ["wks017", { ip: null, name: "WKS-017-RENAMED" }]]);
    const g = buildGraph(input([pair("10.13.37.5", "web", 2, 0), pair("10.99.0.1", "ghost", 1, 0)], { hostInfo: info }));
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get("host:web")).toMatchObject({ name: "WEB-NEW", ip: "10.9.0.2" });
    expect(byId.get("host:wks017")).toMatchObject({ name: "WKS-017-RENAMED", ip: null });
    expect(byId.get("host:ghost")).toMatchObject({ name: null, ip: null });
  });

  test("an address without one owner is an address node: external, unknown host, or ambiguous with both owners", () => {
    const g = buildGraph(input([pair("185.220.101.34", "web", 1, 1), pair("10.99.0.1", "web", 1, 0), pair("10.13.37.50", "web", 2, 0)]));
    const byId = new Map(g.nodes.map((n) => [n.id, n]));
    expect(byId.get("ip:185.220.101.34")).toMatchObject({ kind: "address", addressKind: "external", hostId: null, name: "185.220.101.34" });
    expect(byId.get("ip:10.99.0.1")).toMatchObject({ addressKind: "unknown" });
    expect(byId.get("ip:10.13.37.50")?.owners.map((o) => o.hostName)).toEqual(["WKS-A", "WKS-B"]);
  });

  test("beyond the bounds the busiest edges are kept and the graph says it was truncated", () => {
    const pairs = Array.from({ length: 30 }, (_, i) => pair(`10.1.0.${i + 1}`, `h${i}`, i + 1, i === 3 ? 9 : 0));
    const g = buildGraph(input(pairs, { maxEdges: 5 }));
    expect(g.edges).toHaveLength(5);
    expect(g.truncated).toBe(true);
    expect(g.edges[0]).toMatchObject({ alerts: 9 });
    expect(g.edges.slice(1).map((e) => e.connections)).toEqual([30, 29, 28, 27]);
    expect(g.totals.edges).toBe(30);
    const n = buildGraph(input(pairs, { maxNodes: 7 }));
    expect(n.nodes.length).toBeLessThanOrEqual(7);
    expect(n.truncated).toBe(true);
  });

  test("filters: a host keeps the edges touching it; an address those from it or its holder", () => {
    const pairs = [pair("10.13.37.5", "file", 1, 1), pair("10.20.1.21", "dc", 1, 1), pair("10.20.0.10", "exch", 1, 1)];
    expect(buildGraph(input(pairs, { filter: { hostId: "file" } })).edges.map((e) => e.target).sort()).toEqual(["host:dc", "host:file"]);
    expect(buildGraph(input(pairs, { filter: { ip: "10.20.0.10" } })).edges.map((e) => e.target)).toEqual(["host:exch"]);
    expect(buildGraph(input(pairs, { filter: { nodeIds: new Set(["host:wks017", "host:file"]) } })).edges).toHaveLength(1);
  });
});

describe("critical hosts", () => {
  test("by id, or by a name pattern over the whole name, case-insensitively", () => {
    const m = criticalMatcher([{ hostId: "abc", pattern: null }, { hostId: null, pattern: "DC-*" }, { hostId: null, pattern: "SRV-SQL-0?" }]);
    expect(m("abc", "anything")).toBe(true);
    expect(m("x", "DC-01")).toBe(true);
    expect(m("x", "dc-02")).toBe(true);
    expect(m("x", "ADC-01")).toBe(false);
    expect(m("x", "SRV-SQL-02")).toBe(true);
    expect(m("x", "SRV-SQL-021")).toBe(false);
    expect(m("x", null)).toBe(false);
    expect(patternLike("DC_*")).toBe("DC\\_%");
  });
});
