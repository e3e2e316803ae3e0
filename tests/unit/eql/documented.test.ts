import { describe, expect, it } from "vitest";
import { compileQuery, evaluate, evaluateExpression, parseQuery, type CompiledSequenceQuery } from "@/lib/eql";

const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 0, 0, 0) + s * 1000).toISOString();
const ids = (q: string, docs: object[]) => evaluate(q, docs).map((m) => m.events.map((e) => (e as { id: number }).id));

describe("documented EQL semantics, case by case", () => {
  it("regex: \\s is the letter s (Lucene has no predefined classes)", () => {
    const docs = [{ id: 1, "@timestamp": at(0), a: "s" }, { id: 2, "@timestamp": at(1), a: " " }];
    expect(ids('any where a regex "\\\\s"', docs)).toEqual([[1]]);
  });
  it("integer division by zero is null; % follows Java on negatives", () => {
    expect(evaluateExpression("7 / 0")).toBeNull();
    expect(evaluateExpression("7 % 0")).toBeNull();
    expect(evaluateExpression("-7 % 3")).toBe(-1);
    expect(evaluateExpression("7 % -3")).toBe(1);
    expect(evaluateExpression("7 / 3")).toBe(2);
  });
  it('number("0x1F") is 31 and string(2.0) is "2.0"', () => {
    expect(evaluateExpression('number("0x1F")')).toBe(31);
    expect(evaluateExpression("string(2.0)")).toBe("2.0");
  });
  it("comparing a declared keyword with a number is a compile-time error", () => {
    expect(() => compileQuery("any where k == 5", { fieldTypes: { k: "keyword" } })).toThrow(/cannot compare field k/);
  });
  it("a field both nested and flat: the nested value is read", () => {
    const doc = { id: 1, "@timestamp": at(0), process: { name: "nested.exe" }, "process.name": "flat.exe" };
    expect(ids('any where process.name == "nested.exe"', [doc])).toEqual([[1]]);
    expect(ids('any where process.name == "flat.exe"', [doc])).toEqual([]);
  });
  it("events without a timestamp are left out", () => {
    expect(ids("any where true", [{ id: 1 }, { id: 2, "@timestamp": at(0) }])).toEqual([[2]]);
  });
  it("an until event on the sequence's last ordinal rejects it", () => {
    const q = "sequence [any where a == 1] [any where a == 2] until [any where b == 1]";
    expect(ids(q, [{ id: 1, "@timestamp": at(0), a: 1 }, { id: 2, "@timestamp": at(1), a: 1, b: 1 }, { id: 3, "@timestamp": at(2), a: 2 }])).toEqual([]);
    expect(ids(q, [{ id: 1, "@timestamp": at(0), a: 1 }, { id: 3, "@timestamp": at(2), a: 2 }])).toEqual([[1, 3]]);
  });
  it("runs must be 1 to 100", () => {
    expect(() => parseQuery("sequence [any where true] with runs=0 [any where true]")).toThrow(/runs must be between 1 and 100/);
    expect(() => parseQuery("sequence [any where true] with runs=101 [any where true]")).toThrow(/runs must be between 1 and 100/);
    expect((parseQuery("sequence [any where true] with runs=100") as { stages: unknown[] }).stages).toHaveLength(100);
  });
  it("keywords are lowercase: WHERE and AND are not keywords", () => {
    expect(() => parseQuery("process WHERE true")).toThrow();
    expect(() => parseQuery("process where a == 1 AND b == 2")).toThrow();
  });
  it("expired partial sequences are swept every 8192 events", () => {
    const q = compileQuery("sequence by k with maxspan=1s [any where a == 1] [any where a == 2]") as CompiledSequenceQuery;
    const m = q.createSequenceMatcher();
    for (let i = 0; i < 8191; i++) m.push({ k: `key-${i}`, a: 1 }, i);
    expect(m.pendingCount).toBe(8191);
    m.push({ k: "late", a: 3 }, 1_000_000);
    expect(m.pendingCount).toBe(0);
  });
});
