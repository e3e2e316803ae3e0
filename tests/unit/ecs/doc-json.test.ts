import { describe, expect, it } from "vitest";
import { docJson } from "@/lib/ecs/doc-json";
import { normalizeEvent } from "@/lib/ecs/normalize";

const now = new Date("2026-12-01T00:00:00.000Z");

/** Normalizes `text` as ingest does (parsed, handed over) and returns the stored JSON text and the document. */
function stored(text: string, ctx: { bulkId?: string; index?: string } = {}) {
  const r = normalizeEvent(JSON.parse(text), { ...ctx, now, inputIsOwned: true });
  if (!r.ok) throw new Error(r.reason);
  return { json: docJson(r.event, text), doc: r.event.doc };
}

/** jsonb and JSON.parse both keep the last of duplicate keys: the stored text must read back as the document. */
function expectSameDocument(text: string, ctx: { bulkId?: string; index?: string } = {}) {
  const { json, doc } = stored(text, ctx);
  expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(doc)));
  return json;
}

const base = `"@timestamp":"2026-11-20T10:00:00.000Z","event":{"id":"e-1","category":["process"]},"host":{"id":"h-1","name":"WKS-1"},"process":{"name":"a.exe","pid":4,"executable":"C:\\\\a.exe"}`;

describe("docJson", () => {
  it("reuses the incoming text and writes again only the fields normalization changed", () => {
    const text = `{${base}}`;
    const json = expectSameDocument(text);
    expect(json.startsWith(text.slice(0, -1))).toBe(true);
    // event.ingested was added: only `event` is written again.
    expect(json.slice(text.length - 1)).toBe(`,"event":{"id":"e-1","category":["process"],"ingested":"2026-12-01T00:00:00.000Z"}}`);
  });

  it("gives the normalized document for every kind of change", () => {
    const cases = [
      `{${base},"destination":{"port":"5985","ip":"::ffff:10.0.0.5"},"network":{"direction":"ingress"}}`, // coerced, enriched
      `{${base},"lateral":{"forged":true}}`, // the reserved namespace removed
      `{${base},"lateral":{"forged":true},"source":{"port":"1"}}`, // removed, then enrichments: none
      `{"@timestamp":"2026-11-20 10:00:00","event":{"id":"e-2"},"host":{"name":"WKS-2"}}`, // timestamp rewritten, host.id derived
      `{${base},"user":{"name":["jdoe"]},"source":{"ip":""}}`, // unwrapped, an empty typed value removed
      `{${base},"source":{"ip":null}}`, // a namespace left empty
      `{${base},"event":{"id":"e-3","ingested":"2026-11-30T00:00:00.000Z"}}`, // a duplicate key: the last one counts
      `{${base},"process.parent.name":"b.exe"}`, // dotted keys: rebuilt
      `{${base},"message":"a\\u0000b"}`, // NUL replaced: rebuilt
      `{${base},"file":{"size":1.0,"mtime_ms":12345678901234567}}`, // numbers written differently by JSON.stringify
      `{${base},\t"message":"tab"}`, // raw JSON whitespace the COPY encoding cannot carry
      `{ ${base} , "x" : { "y" : [1, 2, {"z": "é\\"\\\\"}] } }`, // whitespace and escapes
    ];
    for (const text of cases) expectSameDocument(text);
    expectSameDocument(`{"@timestamp":"2026-11-20T10:00:00.000Z","host":{"name":"WKS-3"}}`, { bulkId: "b-1" }); // event.id from _id
    expectSameDocument(`{"@timestamp":1700000000000,"host":{"name":"WKS-3"},"event":{"id":"e-4"}}`, { index: "logs-endpoint.events.process-default" });
  });

  it("serializes the whole document when the text cannot be reused", () => {
    for (const text of [`{${base},"file":{"size":1.5}}`, `{${base},"x":[1, 2.50 ]}`, `{${base},\t"a":1}`, `{${base},"process.parent.name":"b.exe"}`, `{${base},"lateral":{}}`]) {
      const { json, doc } = stored(text);
      expect(json).toBe(JSON.stringify(doc));
    }
  });

  it("serializes the whole document when no source text is given", () => {
    const r = normalizeEvent(JSON.parse(`{${base}}`), { now, inputIsOwned: true });
    if (!r.ok) throw new Error(r.reason);
    expect(docJson(r.event)).toBe(JSON.stringify(r.event.doc));
  });
});
