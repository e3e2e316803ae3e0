import { describe, expect, it } from "vitest";
import { EventRows, toCopyRow } from "@/lib/db/queries/insert-events";
import { normalizeEvent } from "@/lib/ecs/normalize";
import type { NormalizedEvent } from "@/lib/ecs/types";

function event(n: number, extra: Record<string, unknown> = {}): NormalizedEvent {
  const r = normalizeEvent({ "@timestamp": "2026-11-20T10:00:00.000Z", event: { id: `e-${n}` }, host: { name: "WKS-1" }, ...extra }, { now: new Date(0) });
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

const text = (slices: Iterable<Buffer>) => Buffer.concat([...slices]).toString("utf8");

describe("EventRows", () => {
  it("holds exactly the COPY rows of the events, multi-byte characters and growth included", () => {
    const events = Array.from({ length: 300 }, (_, n) => event(n, { message: `é€😀 ${"x".repeat(n * 10)} C:\\Temp\\${n}` }));
    const rows = new EventRows(1);
    events.forEach((e, n) => expect(rows.add(e)).toBe(n));
    expect(rows.count).toBe(300);
    expect(text(rows.slices(() => true, 4096))).toBe(events.map((e) => toCopyRow(e) + "\n").join(""));
  });

  it("leaves out the rows not kept (duplicates), whatever their place", () => {
    const events = Array.from({ length: 10 }, (_, n) => event(n));
    const rows = new EventRows();
    for (const e of events) rows.add(e);
    const keep = (k: number) => k !== 0 && k !== 4 && k !== 5 && k !== 9;
    expect(text(rows.slices(keep, 100))).toBe(events.filter((_, k) => keep(k)).map((e) => toCopyRow(e) + "\n").join(""));
    expect(text(rows.slices(() => false))).toBe("");
  });
});
