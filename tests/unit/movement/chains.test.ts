import { describe, expect, test } from "vitest";
import { buildChains, type Hop } from "@/lib/movement/chains";

const H = 3_600_000;
const T = Date.parse("2026-12-01T08:00:00Z");
const host = (name: string, ip: string | null = null) => ({ hostId: name.toLowerCase(), hostName: name, ip });
const hop = (id: string, from: string, to: string, at: number, kind: Hop["kind"] = "alert"): Hop => ({
  kind, id, at, source: host(from), target: { ...host(to), hostId: to.toLowerCase() },
});

describe("chains", () => {
  test("the demo's path: patient zero WKS-017, depth 2, breadth 3", () => {
    const [chain, ...rest] = buildChains(
      [
        hop("a1", "WKS-017", "SRV-FILE-01", T),
        hop("a2", "WKS-017", "SRV-FILE-01", T + 60_000),
        hop("b1", "SRV-FILE-01", "SRV-SQL-02", T + 2 * H),
        hop("c1", "SRV-FILE-01", "DC-01", T + 3 * H),
      ],
      24 * H,
    );
    expect(rest).toEqual([]);
    expect(chain.patientZero.hostName).toBe("WKS-017");
    expect(chain.hops.map((h) => [h.id, h.depth])).toEqual([["a1", 1], ["a2", 1], ["b1", 2], ["c1", 2]]);
    expect(chain.depth).toBe(2);
    expect(chain.breadth).toBe(3);
  });

  test("a hop extends another only within the chain window (inclusive) and strictly after it", () => {
    const inside = buildChains([hop("a", "X", "Y", T), hop("b", "Y", "Z", T + 24 * H)], 24 * H);
    expect(inside).toHaveLength(1);
    const outside = buildChains([hop("a", "X", "Y", T), hop("b", "Y", "Z", T + 24 * H + 1)], 24 * H);
    expect(outside).toHaveLength(2);
    const before = buildChains([hop("b", "Y", "Z", T), hop("a", "X", "Y", T + 1)], 24 * H);
    expect(before).toHaveLength(2);
    const same = buildChains([hop("a", "X", "Y", T), hop("b", "Y", "Z", T)], 24 * H);
    expect(same).toHaveLength(2);
  });

  test("depth follows the longest run; connections without alerts extend chains too", () => {
    const [c] = buildChains(
      [hop("1", "A", "B", T), hop("2", "B", "C", T + H, "connection"), hop("3", "C", "D", T + 2 * H), hop("4", "B", "D", T + 3 * H)],
      24 * H,
    );
    expect(c.hops.map((h) => h.depth)).toEqual([1, 2, 3, 2]);
    expect(c.depth).toBe(3);
    expect(c.breadth).toBe(3);
    expect(c.hops[1].kind).toBe("connection");
  });

  test("patient zero is a source no hop of the chain reaches, even when a later hop returns to it", () => {
    const [c] = buildChains([hop("1", "A", "B", T), hop("2", "B", "A", T + H), hop("3", "A", "C", T + 2 * H)], 24 * H);
    expect(c.patientZero.hostId).toBe("a");
    const [loop] = buildChains([hop("1", "A", "B", T), hop("2", "B", "A", T + H)], 24 * H);
    expect(loop.patientZero.hostId).toBe("a");
  });

  test("an address no host is known to hold starts a chain as itself; input order does not matter", () => {
    const hops: Hop[] = [
      { kind: "alert", id: "x", at: T, source: { hostId: null, hostName: null, ip: "185.220.101.34" }, target: { hostId: "web", hostName: "WEB", ip: null } },
      hop("y", "WEB", "DB", T + H),
    ];
    const a = buildChains(hops, 24 * H);
    expect(a[0].patientZero).toEqual({ hostId: null, hostName: null, ip: "185.220.101.34" });
    expect(buildChains([...hops].reverse(), 24 * H)).toEqual(a);
  });

  test("separate chains are listed largest first", () => {
    const chains = buildChains([hop("s", "P", "Q", T), hop("l1", "A", "B", T + H), hop("l2", "B", "C", T + 2 * H)], 24 * H);
    expect(chains.map((c) => c.hops.length)).toEqual([2, 1]);
  });
});
