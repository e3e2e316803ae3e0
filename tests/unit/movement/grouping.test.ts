import { describe, expect, test } from "vitest";
import { groupInOrder, linked, partition, place, type GroupingAlert } from "@/lib/incidents/grouping";

const H = 3_600_000;
const W = 24 * H;
const T = Date.parse("2026-12-01T08:00:00Z");
const alert = (id: string, hostId: string, sourceIp: string | null, sourceHostId: string | null, at: number): GroupingAlert => ({ id, hostId, sourceIp, sourceHostId, at });

/** The demo's shape: the intruder's chain, the admin's routine, MON-01's probes. */
const demo: GroupingAlert[] = [
  alert("i1", "file", "10.13.37.5", "wks017", T),
  alert("i2", "file", "10.13.37.5", "wks017", T + 60_000),
  alert("i3", "sql", "10.20.1.21", "file", T + 2 * H),
  alert("i4", "dc", "10.20.1.21", "file", T + 3 * H),
  alert("j1", "exch", "10.20.0.10", "jump", T - 5 * H),
  alert("j2", "sql", "10.20.0.10", "jump", T - 4 * H),
  alert("j3", "backup", "10.20.0.10", "jump", T + 4 * H),
  alert("m1", "wks002", "10.20.0.50", "mon", T - 6 * H),
  alert("m2", "wks003", "10.20.0.50", "mon", T),
];

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}
function shuffle<T>(list: T[], seed: number): T[] {
  const r = seeded(seed);
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe("linked", () => {
  test("a chain: the later alert comes from the earlier one's target, within the window", () => {
    expect(linked(demo[0], demo[2], W)).toBe(true);
    expect(linked(demo[2], demo[0], W)).toBe(true); // symmetric
    expect(linked(alert("a", "x", "1.1.1.1", null, T), alert("b", "y", "2.2.2.2", "x", T + W + 1), W)).toBe(false);
    // Reaching the source host *after* it moved on does not link.
    expect(linked(alert("a", "x", "1.1.1.1", null, T + H), alert("b", "y", "2.2.2.2", "x", T), W)).toBe(false);
  });

  test("a shared source address within the window; sharing only a target does not link", () => {
    expect(linked(demo[4], demo[5], W)).toBe(true);
    expect(linked(demo[5], demo[2], W)).toBe(false); // both on SRV-SQL-02, different sources
    expect(linked(alert("a", "x", "10.0.0.1", null, T), alert("b", "y", "10.0.0.1", null, T + W + 1), W)).toBe(false);
    expect(linked(alert("a", "x", null, null, T), alert("b", "y", null, null, T), W)).toBe(false);
  });
});

describe("grouping", () => {
  test("the demo: the intruder's four alerts are one incident; the admin and the monitoring are not in it", () => {
    const groups = partition(groupInOrder(demo, W));
    expect(groups).toEqual([["i1", "i2", "i3", "i4"], ["j1", "j2", "j3"], ["m1", "m2"]]);
  });

  test("any arrival order gives the same incidents (50 seeded orders)", () => {
    const expected = partition(groupInOrder(demo, W));
    for (let seed = 1; seed <= 50; seed++) expect(partition(groupInOrder(shuffle(demo, seed), W))).toEqual(expected);
  });

  test("running grouping again over the same alerts changes nothing", () => {
    const once = groupInOrder(demo, W);
    const twice = groupInOrder([...demo, ...demo], W);
    expect(partition(twice)).toEqual(partition(once));
  });

  test("a late alert that links two incidents merges them; the one whose first alert is earliest is kept", () => {
    const a = alert("a", "x", "10.0.0.1", "p", T);
    const c = alert("c", "z", "10.0.0.3", "y", T + 2 * H);
    const before = groupInOrder([a, c], W);
    expect(new Set(before.values()).size).toBe(2);
    const late = alert("b", "y", "10.0.0.2", "x", T + H); // x → y links a (reached x) and c (came from y)
    const after = groupInOrder([a, c, late], W);
    expect(new Set(after.values())).toEqual(new Set(["inc-a"]));
  });

  test("an analyst's split survives regrouping: pinned alerts are never moved and link nothing", () => {
    const pinned = new Map([["i3", "manual-1"]]);
    const groups = partition(groupInOrder(shuffle([...demo, ...demo], 7), W, pinned));
    expect(groups).toContainEqual(["i3"]);
    expect(groups).toContainEqual(["i1", "i2", "i4"]);
    // A new alert from SRV-SQL-02 (reached only by the pinned i3) does not pull i3 back.
    const next = alert("i5", "app", "10.20.1.22", "sql", T + 5 * H);
    const withNext = groupInOrder([...demo, next], W, pinned);
    expect(withNext.get("i3")).toBe("manual-1");
    expect(withNext.get("i5")).not.toBe("manual-1");
  });

  test("place: none → create, one → join, several → merge into the earliest (ties by id)", () => {
    expect(place([])).toEqual({ kind: "create" });
    expect(place([{ id: "x", firstAlertAt: 5 }, { id: "x", firstAlertAt: 5 }])).toEqual({ kind: "join", incidentId: "x" });
    expect(place([{ id: "b", firstAlertAt: 5 }, { id: "c", firstAlertAt: 1 }, { id: "a", firstAlertAt: 5 }])).toEqual({ kind: "merge", incidentId: "c", absorbed: ["a", "b"] });
  });
});
