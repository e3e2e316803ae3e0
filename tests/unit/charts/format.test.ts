import { describe, expect, test } from "vitest";
import { formatTick, stackMarks } from "@/components/charts/format";

const H = 3600_000;
const t = Date.parse("2026-12-02T15:46:00Z");

describe("time axis ticks", () => {
  test("hours within a day, the date as soon as the window spans days", () => {
    expect(formatTick(t, 6 * H)).toBe("15:46");
    expect(formatTick(t, 48 * H)).toBe("12-02 15:46"); // the alert page's ±24 h
    expect(formatTick(t, 3 * 24 * H)).toBe("12-02 15:46");
    expect(formatTick(t, 30 * 24 * H)).toBe("12-02");
  });
});

describe("overlapping marks", () => {
  test("marks closer than the slot on one lane are offset across it and counted", () => {
    const pts = [
      { t: 0, y: 0, id: "a" },
      { t: 10, y: 0, id: "b" },
      { t: 20, y: 0, id: "c" },
      { t: 5000, y: 0, id: "alone" },
      { t: 10, y: 1, id: "other lane" },
    ];
    const out = stackMarks(pts, 100);
    expect(out.map((p) => p.id)).toEqual(["a", "b", "c", "alone", "other lane"]); // order kept
    expect(out.slice(0, 3).map((p) => [p.stackIndex, p.stackSize])).toEqual([[0, 3], [1, 3], [2, 3]]);
    expect(new Set(out.slice(0, 3).map((p) => p.dy)).size).toBe(3); // three different offsets
    expect(out.slice(0, 3).every((p) => Math.abs(p.dy) < 0.5)).toBe(true); // within the lane
    expect(out[3]).toMatchObject({ stackSize: 1, dy: 0 });
    expect(out[4]).toMatchObject({ stackSize: 1, dy: 0 });
  });
});
