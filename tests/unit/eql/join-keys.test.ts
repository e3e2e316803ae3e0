import { describe, expect, it } from "vitest";
import { compileQuery, evaluate } from "@/lib/eql";

/**
 * Join keys of sequences: a multi-valued key field makes every value a key, several multi-valued
 * key fields give every combination, nulls in an array are no key, an optional key with no value is
 * the null key. Events are identified by `n`.
 */
type Doc = Record<string, unknown>;
const at = (s: number) => new Date(Date.UTC(2026, 10, 2, 9, 0, s)).toISOString();
const ev = (n: number, category: string, host: unknown, extra: Doc = {}): Doc => ({
  n, "@timestamp": at(n), event: { category }, host: { id: host }, ...extra,
});

function run(query: string, events: Doc[]) {
  const matches = evaluate(compileQuery(query, { tiebreakerField: "n" }), events);
  return matches.map((m) => ({ ids: m.events.map((e) => (e as Doc).n), keys: m.joinKeys }));
}

describe("multi-valued join keys", () => {
  it("each value of a multi-valued key field is a key of its own", () => {
    const events = [ev(1, "process", ["ws-01", "ws-02"]), ev(2, "network", "ws-02"), ev(3, "network", "ws-01"), ev(4, "network", "ws-03")];
    expect(run("sequence by host.id [process where true] [network where true]", events)).toEqual([
      { ids: [1, 2], keys: ["ws-02"] },
      { ids: [1, 3], keys: ["ws-01"] },
    ]);
  });

  it("a single-valued first event joins a later multi-valued one on the shared value only", () => {
    const events = [ev(1, "process", "ws-07"), ev(2, "network", ["ws-08", "ws-07"])];
    expect(run("sequence by host.id [process where true] [network where true]", events)).toEqual([{ ids: [1, 2], keys: ["ws-07"] }]);
    expect(run("sequence by host.id [process where true] [network where true]", [ev(1, "process", "ws-07"), ev(2, "network", ["ws-08"])])).toEqual([]);
  });

  it("one event completes one sequence per key, reported in key order", () => {
    const events = [ev(1, "process", "srv-b"), ev(2, "process", "srv-a"), ev(3, "network", ["srv-b", "srv-a"])];
    expect(run("sequence by host.id [process where true] [network where true]", events)).toEqual([
      { ids: [2, 3], keys: ["srv-a"] },
      { ids: [1, 3], keys: ["srv-b"] },
    ]);
  });

  it("several multi-valued key fields combine: every pair of values is a key", () => {
    const first = ev(1, "process", ["h1", "h2"], { user: { name: ["ann", "bob"] } });
    const events = [
      first,
      ev(2, "network", "h2", { user: { name: "ann" } }),
      ev(3, "network", "h1", { user: { name: "bob" } }),
      ev(4, "network", "h1", { user: { name: "cid" } }),
    ];
    expect(run("sequence by host.id, user.name [process where true] [network where true]", events)).toEqual([
      { ids: [1, 2], keys: ["h2", "ann"] },
      { ids: [1, 3], keys: ["h1", "bob"] },
    ]);
  });

  it("nulls inside a key array are no key; an event without the key field joins nothing", () => {
    const events = [ev(1, "process", [null, "h9"]), ev(2, "network", "h9"), ev(3, "process", undefined), ev(4, "network", undefined)];
    expect(run("sequence by host.id [process where true] [network where true]", events)).toEqual([{ ids: [1, 2], keys: ["h9"] }]);
  });

  it("an optional key field with no value is the null key, which joins events that also lack it", () => {
    const events = [ev(1, "process", "h5"), ev(2, "network", "h5", { user: { domain: "CORP" } }), ev(3, "network", "h5")];
    expect(run("sequence by host.id, ?user.domain [process where true] [network where true]", events)).toEqual([{ ids: [1, 3], keys: ["h5", null] }]);
    // Without `?` the same events give no sequence: the first event has no key.
    expect(run("sequence by host.id, user.domain [process where true] [network where true]", events)).toEqual([]);
  });
});
