import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ecs/normalize";
import type { NormalizedEvent } from "@/lib/ecs/types";

const base = { "@timestamp": "2024-05-01T10:00:00.000Z", host: { id: "h1", name: "H1" } };

function ok(input: unknown, ctx = {}): NormalizedEvent {
  const r = normalizeEvent(input, ctx);
  if (!r.ok) throw new Error(`rejected: ${r.reason}`);
  return r.event;
}

function reason(input: unknown, ctx = {}): string {
  const r = normalizeEvent(input, ctx);
  if (r.ok) throw new Error("accepted");
  return r.reason;
}

describe("document shape", () => {
  it("stores flat, nested and mixed input as the same nested document", () => {
    const flat = ok({ ...base, "process.name": "a.exe", "process.parent.name": "b.exe" });
    const nested = ok({ ...base, process: { name: "a.exe", parent: { name: "b.exe" } } });
    const mixed = ok({ ...base, process: { "parent.name": "b.exe" }, "process.name": "a.exe" });
    for (const e of [flat, nested, mixed]) {
      expect(e.doc.process).toEqual({ name: "a.exe", parent: { name: "b.exe" } });
      expect(e.columns.processName).toBe("a.exe");
      expect(e.columns.parentName).toBe("b.exe");
    }
    expect(flat.doc).not.toHaveProperty(["process.name"]);
  });

  it("rejects a field given both as a value and as an object", () => {
    expect(reason({ ...base, a: 1, "a.b": 2 })).toBe('field "a" has a value and also sub-fields ("a.b")');
    expect(reason({ ...base, "a.b": 2, a: 1 })).toMatch(/field "a" has a value and also sub-fields/);
    expect(reason({ ...base, "process.name": "x", process: { name: "y" } })).toBe('field "process.name" is given twice');
  });

  it("rejects what is not a JSON object", () => {
    for (const v of [null, [], "text", 5]) expect(reason(v)).toBe("document must be a JSON object");
  });

  it("accepts 64 levels of nesting and rejects 65", () => {
    const nest = (levels: number) => {
      let v: Record<string, unknown> = { leaf: 1 };
      for (let i = 1; i < levels - 1; i++) v = { n: v };
      return { ...base, deep: v }; // the document itself is level 1
    };
    expect(normalizeEvent(nest(64)).ok).toBe(true);
    expect(reason(nest(65))).toBe("document nested deeper than 64 levels");
  });

  it("counts the levels dotted keys create", () => {
    const key = Array.from({ length: 70 }, (_, i) => `k${i}`).join(".");
    expect(reason({ ...base, [key]: 1 })).toBe("document nested deeper than 64 levels");
  });

  it("replaces NUL characters with U+FFFD and records it", () => {
    const e = ok({ ...base, process: { command_line: "a\u0000b" } });
    expect(e.doc.process).toEqual({ command_line: "a\uFFFDb" });
    expect(JSON.stringify(e.doc)).not.toContain("\\u0000");
    expect(e.enrichments).toContainEqual(expect.objectContaining({ field: "process.command_line", value: "a\uFFFDb" }));
    expect((e.doc.lateral as { enrichments: unknown[] }).enrichments).toHaveLength(e.enrichments.length);
  });

  it("replaces NUL in field names and unpaired surrogates too", () => {
    const e = ok({ ...base, "we\u0000ird": "x", s: "\uD800z" });
    expect(e.doc["we\uFFFDird"]).toBe("x");
    expect(e.doc.s).toBe("\uFFFDz");
  });

  it("replaces the reserved lateral namespace sent by a client", () => {
    const e = ok({ ...base, lateral: { enrichments: [{ field: "fake" }] } });
    expect(e.doc.lateral).toBeUndefined();
  });
});

describe("@timestamp", () => {
  const ts = (v: unknown) => ok({ ...base, "@timestamp": v });
  it("accepts ISO 8601 with a zone and stores it in UTC with milliseconds", () => {
    expect(ts("2024-05-01T12:00:00+02:00").doc["@timestamp"]).toBe("2024-05-01T10:00:00.000Z");
    expect(ts("2024-05-01T10:00:00.123456789Z").columns.ts).toBe("2024-05-01T10:00:00.123Z");
  });
  it("reads a zone-less ISO string as UTC", () => {
    expect(ts("2020-09-20 19:37:48.123").doc["@timestamp"]).toBe("2020-09-20T19:37:48.123Z");
    expect(ts("2020-09-20T19:37:48").doc["@timestamp"]).toBe("2020-09-20T19:37:48.000Z");
  });
  it("keeps a canonical timestamp of any real day as it is, leap days and years 0001-9999 included", () => {
    for (const v of ["2024-02-29T23:59:59.999Z", "2000-02-29T00:00:00.000Z", "0001-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1900-12-31T12:30:00.000Z"]) {
      expect(ts(v).doc["@timestamp"]).toBe(v);
      expect(ts(v).columns.ts).toBe(v);
    }
  });
  it("accepts epoch milliseconds as a number or a numeric string", () => {
    expect(ts(1600630668123).doc["@timestamp"]).toBe("2020-09-20T19:37:48.123Z");
    expect(ts("1600630668123").doc["@timestamp"]).toBe("2020-09-20T19:37:48.123Z");
  });
  it("rejects an invalid or missing timestamp with a clear reason", () => {
    expect(reason({ ...base, "@timestamp": "yesterday" })).toBe('@timestamp "yesterday" is not ISO 8601 or epoch milliseconds');
    expect(reason({ ...base, "@timestamp": "2024-02-30T00:00:00Z" })).toMatch(/is not ISO 8601/);
    expect(reason({ ...base, "@timestamp": "2024-02-30T00:00:00.000Z" })).toMatch(/is not ISO 8601/); // canonical form too
    expect(reason({ ...base, "@timestamp": "2023-02-29T00:00:00.000Z" })).toMatch(/is not ISO 8601/); // not a leap year
    expect(reason({ ...base, "@timestamp": "2024-04-31T00:00:00.000Z" })).toMatch(/is not ISO 8601/);
    expect(reason({ ...base, "@timestamp": "2024-05-01T24:00:00.000Z" })).toMatch(/is not ISO 8601/);
    expect(reason({ ...base, "@timestamp": "0000-12-31T00:00:00.000Z" })).toMatch(/is not ISO 8601/); // before year 0001
    expect(reason({ host: { id: "h" } })).toBe("@timestamp is missing");
    expect(reason({ ...base, "@timestamp": { a: 1 } })).toMatch(/^@timestamp of type object/);
  });
});

describe("typed fields", () => {
  it("stores event.category and event.type as arrays", () => {
    const e = ok({ ...base, event: { category: "network", type: ["connection", "start"] } });
    expect(e.doc.event).toMatchObject({ category: ["network"], type: ["connection", "start"] });
    expect(e.columns.category).toEqual(["network"]);
    expect(e.columns.type).toEqual(["connection", "start"]);
    expect(ok(base).columns.category).toEqual([]);
  });

  it("coerces numeric strings in long fields", () => {
    const e = ok({ ...base, "destination.port": "5985", "process.pid": " 4 ", "source.port": 49152 });
    expect(e.columns.destinationPort).toBe(5985);
    expect(e.columns.pid).toBe(4);
    expect(e.doc.destination).toEqual({ port: 5985 });
  });

  it("rejects a non-numeric long naming the field", () => {
    expect(reason({ ...base, "destination.port": "http" })).toBe('destination.port "http" is not an integer');
    expect(reason({ ...base, "process.pid": { a: 1 } })).toBe("process.pid must be an integer, got an object");
    expect(reason({ ...base, "process.pid": "4.5.1" })).toBe('process.pid "4.5.1" is not an integer');
  });

  it("keeps event.code as a string", () => {
    expect((ok({ ...base, "event.code": 4688 }).doc.event as Record<string, unknown>).code).toBe("4688");
  });

  it("canonicalizes IP addresses", () => {
    const e = ok({ ...base, "source.ip": "::ffff:172.18.39.5", "destination.ip": "2001:DB8:0:0:0:0:0:1" });
    expect(e.columns.sourceIp).toBe("172.18.39.5");
    expect(e.columns.destinationIp).toBe("2001:db8::1");
    expect(ok({ ...base, "source.ip": "0:0:0:0:0:0:0:1" }).columns.sourceIp).toBe("::1");
  });

  it("rejects an invalid IP naming the field, and checks every value of related.ip", () => {
    expect(reason({ ...base, "source.ip": "999.1.1.1" })).toBe('source.ip "999.1.1.1" is not an IP address');
    expect(reason({ ...base, "source.ip": "127.1" })).toBe('source.ip "127.1" is not an IP address');
    expect(reason({ ...base, related: { ip: ["10.0.0.1", "nope"] } })).toBe('related.ip "nope" is not an IP address');
    const e = ok({ ...base, related: { ip: ["10.0.0.1", "::FFFF:10.0.0.2"] } });
    expect(e.doc.related).toEqual({ ip: ["10.0.0.1", "10.0.0.2"] });
  });

  it("turns scalar keywords into strings and rejects objects in keyword columns", () => {
    expect(ok({ ...base, host: { name: 5 } }).columns.hostName).toBe("5");
    expect(reason({ ...base, "process.name": { a: 1 } })).toBe("process.name must be a string, got an object");
    expect(reason({ ...base, "user.name": ["a", "b"] })).toBe("user.name must be a single value, got an array of 2");
  });
});

describe("host identity", () => {
  it("keeps host.id from the document", () => {
    const e = ok(base);
    expect(e.columns.hostId).toBe("h1");
    expect(e.detectable).toBe(true);
    expect(e.enrichments).toEqual([]);
  });

  it("derives host.id from host.name, lower-cased, and records it", () => {
    const e = ok({ "@timestamp": 1, host: { name: "WORKSTATION6.theshire.local" } });
    expect(e.columns.hostId).toBe("workstation6.theshire.local");
    expect(e.enrichments).toEqual([expect.objectContaining({ field: "host.id", value: "workstation6.theshire.local" })]);
    expect(e.detectable).toBe(true);
  });

  it("stores an event without host identity as undetectable", () => {
    const e = ok({ "@timestamp": 1, message: "x" });
    expect(e.detectable).toBe(false);
    expect(e.undetectableReason).toMatch(/host\.id/);
    expect(e.columns.hostId).toBeNull();
  });
});

describe("event id", () => {
  it("uses event.id, else the bulk _id (written to the doc), else null", () => {
    expect(ok({ ...base, event: { id: "e1" } }, { bulkId: "b1" }).columns.eventId).toBe("e1");
    const fromBulk = ok(base, { bulkId: "b1" });
    expect(fromBulk.columns.eventId).toBe("b1");
    expect((fromBulk.doc.event as Record<string, unknown>).id).toBe("b1");
    expect(ok(base).columns.eventId).toBeNull();
  });
});

describe("scalars in the way of added fields", () => {
  it("rejects rather than overwrite a scalar namespace", () => {
    expect(reason({ ...base, event: "x" })).toBe('cannot set event.ingested: field "event" holds a value, not an object');
  });
});
