import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { startTestApp, type TestApp } from "@/tests/helpers/app";

let app: TestApp;
let ingestKey: string;
beforeAll(async () => {
  app = await startTestApp();
  ingestKey = await app.apiKey("ingest");
});
afterAll(() => app?.stop());

const post = (body: string | Uint8Array, headers: Record<string, string> = {}) =>
  fetch(`${app.url}/api/v1/events`, {
    method: "POST",
    headers: { authorization: `ApiKey ${ingestKey}`, "content-type": "application/x-ndjson", ...headers },
    body: typeof body === "string" ? body : new Blob([new Uint8Array(body)]),
  });

const event = (over: Record<string, unknown> = {}) => ({
  "@timestamp": "2026-11-20T10:00:00.000Z",
  event: { category: "process", type: "start" },
  host: { id: "h-1", name: "WKS-001", os: { type: "windows" } },
  process: { name: "whoami.exe", pid: "1234", parent: { name: "wsmprovhost.exe" } },
  ...over,
});

const stored = async (where: string, params: unknown[] = []) =>
  (await pool().query(`select * from events where ${where} order by seq`, params)).rows;

describe("POST /api/v1/events", () => {
  test("accepts NDJSON, a JSON array and one object; stores typed columns and the document", async () => {
    const nd = [event({ event: { id: "nd-1", category: "process", type: "start" } }), event({ event: { id: "nd-2", category: "process", type: "start" } })];
    let res = await post(nd.map((d) => JSON.stringify(d)).join("\n"));
    expect(await res.json()).toEqual({ accepted: 2, duplicates: 0, rejected: 0, errors: [] });
    res = await post(JSON.stringify([event({ event: { id: "arr-1", category: ["process"], type: ["start"] } })]), { "content-type": "application/json" });
    expect((await res.json()).accepted).toBe(1);
    res = await post(JSON.stringify(event({ event: { id: "one-1", category: "process", type: "start" } })), { "content-type": "application/json" });
    expect((await res.json()).accepted).toBe(1);
    const [row] = await stored("event_id = $1", ["nd-1"]);
    expect(row.host_id).toBe("h-1");
    expect(row.category).toEqual(["process"]);
    expect(row.type).toEqual(["start"]);
    expect(Number(row.pid)).toBe(1234); // "1234" coerced per ECS
    expect(row.doc.process.pid).toBe(1234);
    expect(row.parent_name).toBe("wsmprovhost.exe");
  });

  test("a resend of the same event.id is a duplicate, not an error, and is stored once", async () => {
    const doc = JSON.stringify(event({ event: { id: "dup-1", category: "process", type: "start" } }));
    expect(await (await post(doc)).json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await (await post(`${doc}\n${doc}`)).json()).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await stored("event_id = $1", ["dup-1"])).toHaveLength(1);
  });

  test("a request mixing stored and new event ids stores the new ones once and counts the others as duplicates", async () => {
    const ev = (id: string) => JSON.stringify(event({ event: { id, category: "process", type: "start" } }));
    expect(await (await post([ev("mix-1"), ev("mix-3")].join("\n"))).json()).toMatchObject({ accepted: 2, duplicates: 0 });
    const out = await (await post([ev("mix-1"), ev("mix-2"), ev("mix-3"), ev("mix-4")].join("\n"))).json();
    expect(out).toMatchObject({ accepted: 2, duplicates: 2, rejected: 0 });
    const rows = await stored("event_id like 'mix-%'");
    expect(rows.map((r) => r.event_id).sort()).toEqual(["mix-1", "mix-2", "mix-3", "mix-4"]);
    const keys = await pool().query("select count(*)::int as n from event_keys where event_id like 'mix-%'");
    expect(keys.rows[0].n).toBe(4);
  });

  test("the same batch sent by several clients at once is stored exactly once", async () => {
    const body = Array.from({ length: 50 }, (_, n) => JSON.stringify(event({ event: { id: `race-${n}`, category: "process", type: "start" } }))).join("\n");
    const outs = await Promise.all(Array.from({ length: 4 }, async () => (await post(body)).json()));
    expect(outs.reduce((s, o) => s + o.accepted, 0)).toBe(50);
    expect(outs.reduce((s, o) => s + o.duplicates, 0)).toBe(150);
    expect(await stored("event_id like 'race-%'")).toHaveLength(50);
  });

  test("a malformed line is rejected with its line number while the other lines are stored", async () => {
    const body = [JSON.stringify(event({ event: { id: "ml-1", category: "process", type: "start" } })), "{not json", JSON.stringify(event({ event: { id: "ml-3", category: "process", type: "start" } }))].join("\n");
    const out = await (await post(body)).json();
    expect(out.accepted).toBe(2);
    expect(out.rejected).toBe(1);
    expect(out.errors).toHaveLength(1);
    expect(out.errors[0].index).toBe(1);
    expect(out.errors[0].reason).toMatch(/line 2/);
    expect(await stored("event_id = any($1)", [["ml-1", "ml-3"]])).toHaveLength(2);
  });

  test("missing or invalid @timestamp, wrong types and over-deep documents are rejected each with a reason", async () => {
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 70; i++) deep = { n: deep };
    const docs = [
      { ...event(), "@timestamp": undefined },
      event({ "@timestamp": "yesterday" }),
      event({ process: { pid: { a: 1 } } }),
      event({ source: { ip: "999.1.1.1" } }),
      event({ deep }),
      event({ event: { id: "good-among-bad", category: "process", type: "start" } }),
    ];
    const out = await (await post(docs.map((d) => JSON.stringify(d)).join("\n"))).json();
    expect(out.accepted).toBe(1);
    expect(out.rejected).toBe(5);
    const reasons = out.errors.map((e: { index: number; reason: string }) => `${e.index}: ${e.reason}`);
    expect(reasons[0]).toMatch(/^0: .*@timestamp.*missing/i);
    expect(reasons[1]).toMatch(/^1: .*@timestamp/);
    expect(reasons[2]).toMatch(/^2: .*process\.pid/);
    expect(reasons[3]).toMatch(/^3: .*source\.ip/);
    expect(reasons[4]).toMatch(/^4: .*(deep|nest)/i);
  });

  test("NUL characters do not become a 500: the event is stored with them replaced and the change recorded", async () => {
    const out = await (await post(JSON.stringify(event({ event: { id: "nul-1", category: "process", type: "start" }, process: { name: "evil\u0000.exe", command_line: "a\u0000b" } })))).json();
    expect(out.accepted).toBe(1);
    const [row] = await stored("event_id = $1", ["nul-1"]);
    expect(row.process_name).toBe("evil\uFFFD.exe");
    expect(row.enrichments.some((e: { field: string }) => e.field === "process.name")).toBe(true);
  });

  test("an inbound 5985 connection without a protocol is enriched with network.protocol http, recorded on the event", async () => {
    await post(JSON.stringify(event({
      event: { id: "net-1", category: "network", type: ["start", "connection"] },
      network: { direction: "ingress", transport: "tcp" },
      source: { ip: "::ffff:10.13.37.5", port: "50123" },
      destination: { ip: "10.0.0.8", port: "5985" },
    })));
    const [row] = await stored("event_id = $1", ["net-1"]);
    expect(row.protocol).toBe("http");
    expect(row.source_ip).toBe("10.13.37.5");
    expect(Number(row.destination_port)).toBe(5985);
    expect(row.enrichments).toContainEqual(expect.objectContaining({ field: "network.protocol", value: "http" }));
    expect(row.doc.lateral.enrichments).toContainEqual(expect.objectContaining({ field: "network.protocol" }));
  });

  test("strings with tabs, newlines, backslashes, quotes, braces and \\N are stored exactly", async () => {
    const nasty = 'C:\\Temp\\x "quoted"\ttab\nline\r{a,b} \\N end';
    const out = await (await post(JSON.stringify(event({
      event: { id: "nasty-1", category: ["process", 'we"ird{,}'], type: "start" },
      process: { name: nasty, command_line: nasty, pid: 1 },
      user: { name: "\\N" },
    })))).json();
    expect(out.accepted).toBe(1);
    const [row] = await stored("event_id = $1", ["nasty-1"]);
    expect(row.process_name).toBe(nasty);
    expect(row.command_line).toBe(nasty);
    expect(row.user_name).toBe("\\N");
    expect(row.category).toEqual(["process", 'we"ird{,}']);
    expect(row.doc.process.command_line).toBe(nasty);
  });

  test("non-ASCII text in a large NDJSON body (read in many chunks) is stored exactly, with one ingest time", async () => {
    const names = ["J\u00fcrgen", "\u6771\u4eac-\u30b5\u30fc\u30d0", "\u{1F600} emoji", "\u0141\u00f3d\u017a"];
    // About 2 MB: the body reaches the server in many chunks, so characters straddle chunk boundaries.
    const lines = Array.from({ length: 4000 }, (_, i) =>
      JSON.stringify(event({ event: { id: `utf8-${i}`, category: "process", type: "start" }, user: { name: names[i % names.length] }, message: "\u00e9".repeat(200) })),
    );
    const out = await (await post(lines.join("\n"))).json();
    expect(out).toMatchObject({ accepted: 4000, rejected: 0 });
    const rows = await stored("event_id LIKE 'utf8-%'");
    expect(rows).toHaveLength(4000);
    // One request, one ingest time (event.ingested), like the one transaction that stores it.
    expect(new Set(rows.map((r) => r.doc.event.ingested)).size).toBe(1);
    for (const row of rows) {
      const i = Number(row.event_id.slice(5));
      expect(row.user_name).toBe(names[i % names.length]);
      expect(row.doc.message).toBe("\u00e9".repeat(200));
    }
  });

  test("gzip bodies are accepted", async () => {
    const body = gzipSync(JSON.stringify(event({ event: { id: "gz-1", category: "process", type: "start" } })));
    const out = await (await post(body, { "content-encoding": "gzip" })).json();
    expect(out.accepted).toBe(1);
  });

  test("a 50 MB body gets 413 with a clear message and nothing is stored", async () => {
    const before = Number((await pool().query("select count(*) from events")).rows[0].count);
    const line = JSON.stringify(event({ message: "x".repeat(1000) }));
    const body = Array.from({ length: Math.ceil((50 * 1024 * 1024) / line.length) }, () => line).join("\n");
    const res = await post(body);
    expect(res.status).toBe(413);
    expect((await res.json()).error.message).toMatch(/10 MB/);
    expect(Number((await pool().query("select count(*) from events")).rows[0].count)).toBe(before);
  });

  test("a gzip bomb that inflates past the limit gets 413", async () => {
    const body = gzipSync(Buffer.alloc(40 * 1024 * 1024, 0x20));
    expect((await post(body, { "content-encoding": "gzip" })).status).toBe(413);
  });

  test("an unknown key gets 401, a read-scope key 403, no key 401", async () => {
    const doc = JSON.stringify(event());
    expect((await post(doc, { authorization: "ApiKey lat_nope_nope" })).status).toBe(401);
    expect((await post(doc, { authorization: `ApiKey ${await app.apiKey("read")}` })).status).toBe(403);
    const anonymous = await fetch(`${app.url}/api/v1/events`, { method: "POST", body: doc });
    expect(anonymous.status).toBe(401);
  });

  test("events without a host identity are stored but flagged as not usable for detection", async () => {
    await post(JSON.stringify({ "@timestamp": "2026-11-20T10:00:00Z", event: { id: "nohost-1" }, message: "no host" }));
    const [row] = await stored("event_id = $1", ["nohost-1"]);
    expect(row.detectable).toBe(false);
    expect(row.host_id).toBeNull();
  });

  test("ingest sequence numbers increase in request order", async () => {
    const docs = [1, 2, 3].map((n) => JSON.stringify(event({ event: { id: `order-${n}`, category: "process", type: "start" } })));
    await post(docs.join("\n"));
    const rows = await stored("event_id like 'order-%'");
    expect(rows.map((r) => r.event_id)).toEqual(["order-1", "order-2", "order-3"]);
  });
});
