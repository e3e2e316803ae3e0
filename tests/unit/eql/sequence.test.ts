import { describe, expect, it } from "vitest";
import { compileQuery, evaluate, type CompiledSequenceQuery } from "@/lib/eql";

interface Ev {
  id: string;
  t: number;
  host?: string;
  cat: string;
  kind?: string;
}

const doc = (e: Ev) => ({
  id: e.id,
  "@timestamp": e.t,
  event: { category: [e.cat], ...(e.kind ? { kind: e.kind } : {}) },
  ...(e.host ? { host: { id: e.host } } : {}),
});

const ids = (query: string, events: Ev[]) =>
  evaluate(compileQuery(query), events.map(doc)).map((m) => m.events.map((d) => (d as { id: string }).id).join(","));

const PAIR = "sequence by host.id with maxspan=30s [network where true] [process where true]";

describe("maxspan", () => {
  const at = (ms: number) => ids(PAIR, [
    { id: "n", t: 1_000, host: "h", cat: "network" },
    { id: "p", t: 1_000 + ms, host: "h", cat: "process" },
  ]);
  it("29.999 s matches", () => expect(at(29_999)).toEqual(["n,p"]));
  it("30.000 s matches (inclusive)", () => expect(at(30_000)).toEqual(["n,p"]));
  it("30.001 s does not match", () => expect(at(30_001)).toEqual([]));
  it("is measured from the first event to the last", () => {
    const q = "sequence by host.id with maxspan=10s [a where true] [b where true] [c where true]";
    expect(ids(q, [
      { id: "a", t: 0, host: "h", cat: "a" },
      { id: "b", t: 6_000, host: "h", cat: "b" },
      { id: "c", t: 12_000, host: "h", cat: "c" },
    ])).toEqual([]);
  });
});

describe("state machine", () => {
  it("the latest pending event wins", () => {
    expect(ids(PAIR, [
      { id: "n1", t: 0, host: "h", cat: "network" },
      { id: "n2", t: 1_000, host: "h", cat: "network" },
      { id: "p", t: 2_000, host: "h", cat: "process" },
    ])).toEqual(["n2,p"]);
  });
  it("older pending sequences are dropped, not kept for later", () => {
    expect(ids(PAIR, [
      { id: "n1", t: 0, host: "h", cat: "network" },
      { id: "n2", t: 1_000, host: "h", cat: "network" },
      { id: "p1", t: 2_000, host: "h", cat: "process" },
      { id: "p2", t: 3_000, host: "h", cat: "process" },
    ])).toEqual(["n2,p1"]);
  });
  it("a completed sequence consumes its events", () => {
    expect(ids(PAIR, [
      { id: "n", t: 0, host: "h", cat: "network" },
      { id: "p1", t: 1_000, host: "h", cat: "process" },
      { id: "p2", t: 2_000, host: "h", cat: "process" },
    ])).toEqual(["n,p1"]);
  });
  it("other keys are unaffected", () => {
    expect(ids(PAIR, [
      { id: "a1", t: 0, host: "a", cat: "network" },
      { id: "b1", t: 500, host: "b", cat: "network" },
      { id: "a2", t: 1_000, host: "a", cat: "process" },
      { id: "b2", t: 1_500, host: "b", cat: "process" },
    ])).toEqual(["a1,a2", "b1,b2"]);
  });
  it("a missing join key drops the event", () => {
    expect(ids(PAIR, [
      { id: "n", t: 0, cat: "network" },
      { id: "p", t: 1_000, cat: "process" },
    ])).toEqual([]);
  });
  it("an optional join key (?field) allows null keys", () => {
    const q = "sequence by ?host.id [network where true] [process where true]";
    expect(ids(q, [
      { id: "n", t: 0, cat: "network" },
      { id: "p", t: 1_000, cat: "process" },
    ])).toEqual(["n,p"]);
  });
  it("an event never extends the sequence it just started", () => {
    const q = "sequence by host.id [any where true] [any where true]";
    expect(ids(q, [
      { id: "1", t: 0, host: "h", cat: "x" },
      { id: "2", t: 1, host: "h", cat: "x" },
      { id: "3", t: 2, host: "h", cat: "x" },
    ])).toEqual(["1,2", "2,3"]);
  });
  it("unordered input is sorted by timestamp, then tiebreaker, then input order", () => {
    expect(ids(PAIR, [
      { id: "p", t: 2_000, host: "h", cat: "process" },
      { id: "n", t: 1_000, host: "h", cat: "network" },
    ])).toEqual(["n,p"]);
    const events = [
      { id: "p", n: 2, "@timestamp": 5, event: { category: "process" }, host: { id: "h" } },
      { id: "n", n: 1, "@timestamp": 5, event: { category: "network" }, host: { id: "h" } },
    ];
    const withTie = evaluate(compileQuery(PAIR, { tiebreakerField: "n" }), events);
    expect(withTie.map((m) => m.events.map((e) => (e as { id: string }).id))).toEqual([["n", "p"]]);
    expect(evaluate(compileQuery(PAIR), events)).toEqual([]);
  });
  it("until expires the pending sequences of its key only", () => {
    const q = "sequence by host.id [network where true] [process where true] until [file where true]";
    expect(ids(q, [
      { id: "a1", t: 0, host: "a", cat: "network" },
      { id: "b1", t: 0, host: "b", cat: "network" },
      { id: "ax", t: 1, host: "a", cat: "file" },
      { id: "a2", t: 2, host: "a", cat: "process" },
      { id: "b2", t: 2, host: "b", cat: "process" },
    ])).toEqual(["b1,b2"]);
  });
  it("with runs=N repeats a stage", () => {
    const q = "sequence by host.id [network where true] with runs=2 [process where true]";
    expect((compileQuery(q) as CompiledSequenceQuery).stages).toHaveLength(3);
    expect(ids(q, [
      { id: "n1", t: 0, host: "h", cat: "network" },
      { id: "p0", t: 1, host: "h", cat: "process" },
      { id: "n2", t: 2, host: "h", cat: "network" },
      { id: "p", t: 3, host: "h", cat: "process" },
    ])).toEqual(["n1,n2,p"]);
  });
});

describe("pipes", () => {
  const events: Ev[] = [1, 2, 3, 4, 5].map((i) => ({ id: `e${i}`, t: i, cat: "x" }));
  it("head N keeps the first N", () => expect(ids("x where true | head 2", events)).toEqual(["e1", "e2"]));
  it("tail N keeps the last N in order", () => expect(ids("x where true | tail 2", events)).toEqual(["e4", "e5"]));
  it("pipes apply in order", () => expect(ids("x where true | head 4 | tail 2", events)).toEqual(["e3", "e4"]));
  it("apply to sequences in completion order", () => {
    const q = "sequence [x where true] [x where true] | tail 1";
    expect(ids(q, events)).toEqual(["e4,e5"]);
  });
});

describe("streaming matcher", () => {
  it("returns sequences as they complete, in chunks, without holding events", () => {
    const compiled = compileQuery(PAIR) as CompiledSequenceQuery;
    const matcher = compiled.createSequenceMatcher();
    const got: string[] = [];
    for (let i = 0; i < 1_000; i++) {
      const host = `h${i % 10}`;
      const batch = [
        doc({ id: `n${i}`, t: i * 100_000, host, cat: "network" }),
        doc({ id: `p${i}`, t: i * 100_000 + 1_000, host, cat: "process" }),
      ];
      for (const d of batch) for (const m of matcher.push(d)) got.push(m.events.map((e) => (e as { id: string }).id).join(","));
    }
    expect(got).toHaveLength(1_000);
    expect(got[999]).toBe("n999,p999");
    expect(matcher.pendingCount).toBe(0);
  });
  it("rejects events pushed out of time order", () => {
    const matcher = (compileQuery(PAIR) as CompiledSequenceQuery).createSequenceMatcher();
    matcher.push(doc({ id: "a", t: 10, host: "h", cat: "network" }));
    expect(() => matcher.push(doc({ id: "b", t: 5, host: "h", cat: "network" }))).toThrow(/time order/);
  });
  it("exposes per-stage matching", () => {
    const compiled = compileQuery(PAIR) as CompiledSequenceQuery;
    const n = doc({ id: "n", t: 0, host: "h", cat: "network" });
    expect(compiled.stageMatches(0, n)).toBe(true);
    expect(compiled.stageMatches(1, n)).toBe(false);
    expect(compiled.createSequenceMatcher().stageMatches(0, n)).toBe(true);
  });
});
