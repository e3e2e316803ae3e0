import { describe, expect, it } from "vitest";
import { compileQuery, evaluate } from "@/lib/eql";

/**
 * Missing-event stages `![...]`: a sequence is reported only when no event of its key matches the
 * missing stage (between its neighbours in the middle; within maxspan at the start or end). A
 * match lists null for the missing stage. Events are identified by `n`, `t` is seconds.
 */
type Doc = Record<string, unknown>;
const ev = (n: number, t: number, category: string, host: string): Doc => ({
  n, "@timestamp": new Date(Date.UTC(2026, 10, 2, 9, 0, 0) + t * 1000).toISOString(), event: { category }, host: { id: host },
});

function ids(query: string, events: Doc[]) {
  return evaluate(compileQuery(query, { tiebreakerField: "n" }), events).map((m) => (m.stages ?? m.events).map((e) => (e === null ? null : (e as Doc).n)));
}

describe("missing-event stages", () => {
  const middle = "sequence by host.id [process where true] ![file where true] [network where true]";

  it("in the middle: an event of the same key between the two stages drops the sequence", () => {
    const events = [ev(1, 0, "process", "a"), ev(2, 1, "file", "a"), ev(3, 2, "network", "a")];
    expect(ids(middle, events)).toEqual([]);
  });

  it("in the middle: with no such event (or one of another key, or outside the gap) the sequence is reported with null", () => {
    expect(ids(middle, [ev(1, 0, "process", "a"), ev(2, 1, "file", "b"), ev(3, 2, "network", "a")])).toEqual([[1, null, 3]]);
    expect(ids(middle, [ev(1, 0, "file", "a"), ev(2, 1, "process", "a"), ev(3, 2, "network", "a"), ev(4, 3, "file", "a")])).toEqual([[2, null, 3]]);
  });

  it("with a per-stage `by`: only an event whose key matches drops the sequence", () => {
    const q = "sequence [process where true] by host.id ![file where true] by host.id [network where true] by host.id";
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 1, "file", "a"), ev(3, 2, "network", "a")])).toEqual([]);
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 1, "file", "c"), ev(3, 2, "network", "a")])).toEqual([[1, null, 3]]);
  });

  it("at the start: an event of the key before the sequence, within maxspan of its end, drops it", () => {
    const q = "sequence by host.id with maxspan=10s ![file where true] [process where true] [network where true]";
    expect(ids(q, [ev(1, 0, "file", "a"), ev(2, 3, "process", "a"), ev(3, 5, "network", "a")])).toEqual([]);
    expect(ids(q, [ev(1, 0, "file", "a"), ev(2, 30, "process", "a"), ev(3, 32, "network", "a")])).toEqual([[null, 2, 3]]);
  });

  it("at the end: an event of the key after the sequence, within maxspan, drops it; later or absent it does not", () => {
    const q = "sequence by host.id with maxspan=10s [process where true] [network where true] ![file where true]";
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 2, "network", "a"), ev(3, 4, "file", "a")])).toEqual([]);
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 2, "network", "a"), ev(3, 40, "file", "a")])).toEqual([[1, 2, null]]);
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 2, "network", "a")])).toEqual([[1, 2, null]]);
  });

  it("with maxspan: a sequence longer than maxspan is not reported even when nothing is missing", () => {
    const q = "sequence by host.id with maxspan=5s [process where true] ![file where true] [network where true]";
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 4, "network", "a")])).toEqual([[1, null, 2]]);
    expect(ids(q, [ev(1, 0, "process", "a"), ev(2, 9, "network", "a")])).toEqual([]);
  });
});
