import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { extractColumns } from "@/lib/ecs/extract-columns";
import { normalizeEvent } from "@/lib/ecs/normalize";
import { compileQuery, evaluate, type CompiledSequenceQuery } from "@/lib/eql";
import { root } from "./conformance-data";

const ids = (q: string, docs: object[]) => evaluate(q, docs).map((m) => m.events.map((e) => (e as { id: number }).id));
const at = (s: number) => new Date(Date.UTC(2024, 4, 1, 0, 0, s)).toISOString();

describe("IP addresses in every textual form (Elasticsearch's ip field)", () => {
  const forms = ["::FFFF:127.0.0.1", "::ffff:7F00:1", "0:0:0:0:0:ffff:127.0.0.1", "0000:0000:0000:0000:0000:FFFF:7F00:0001"];
  it.each(forms)("%s is the loopback 127.0.0.1: source.ip != \"127.0.0.1\" is false", (ip) => {
    const doc = { id: 1, "@timestamp": at(0), event: { category: ["network"] }, source: { ip } };
    expect(ids('network where source.ip != "127.0.0.1"', [doc])).toEqual([]);
    expect(ids('network where source.ip == "127.0.0.1"', [doc])).toEqual([[1]]);
  });
  it("compressed forms with an embedded IPv4 address anywhere, and upper-case IPv6", () => {
    const docs = [{ id: 1, "@timestamp": at(0), source: { ip: "1:2::3:1.2.3.4" } }, { id: 2, "@timestamp": at(1), source: { ip: "FE80::1" } }];
    expect(ids('any where source.ip == "1:2:0:0:0:3:102:304"', docs)).toEqual([[1]]);
    expect(ids('any where cidrMatch(source.ip, "fe80::/10")', docs)).toEqual([[2]]);
  });
});

describe("fractional values in long fields are truncated, as Elasticsearch indexes them", () => {
  const docs = [
    { id: 1, "@timestamp": at(0), destination: { port: 5985.5 } },
    { id: 2, "@timestamp": at(1), destination: { port: "5986.7" } },
  ];
  it("5985.5 is 5985 and \"5986.7\" is 5986, in queries and scripts", () => {
    expect(ids("any where destination.port in (5985, 5986)", docs)).toEqual([[1], [2]]);
    expect(ids("any where destination.port == 5985.5", docs)).toEqual([]);
    expect(ids("any where destination.port + 0 == 5986", docs)).toEqual([[2]]);
  });
  it("ingest stores the truncated value (the worker reads the same number)", () => {
    const r = normalizeEvent({ "@timestamp": at(0), event: { category: ["network"] }, host: { id: "h" }, destination: { port: "5986.7" } });
    expect(r.ok && (r.event.doc as { destination: { port: number } }).destination.port).toBe(5986);
  });
});

describe("a numeric keyword joins its string form", () => {
  const q = "sequence by host.id [process where true] [network where true]";
  it("host.id 1234 and \"1234\" are one key", () => {
    const docs = [
      { id: 1, "@timestamp": at(0), event: { category: ["process"] }, host: { id: 1234 } },
      { id: 2, "@timestamp": at(1), event: { category: ["network"] }, host: { id: "1234" } },
    ];
    expect(ids(q, docs)).toEqual([[1, 2]]);
  });
  it("the store keys them alike: the host_id column and the stored document hold \"1234\", which the engine joins with 1234", () => {
    const r = normalizeEvent({ "@timestamp": at(0), event: { category: ["process"] }, host: { id: 1234 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(extractColumns(r.event.doc).hostId).toBe("1234");
    const stage = (compileQuery(q) as CompiledSequenceQuery).stages[0];
    expect(stage.keyOf(r.event.doc)).toBe(stage.keyOf({ host: { id: 1234 } }));
  });
});

describe("a zone-less timestamp is UTC, whatever the machine's time zone", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "eql-tz-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  it("\"2024-05-01 00:00:10\" is 00:00:10 UTC in the engine", () => {
    expect(compileQuery("any where true").timestampOf({ "@timestamp": "2024-05-01 00:00:10" })).toBe(Date.UTC(2024, 4, 1, 0, 0, 10));
  });
  it("the CLI, run with TZ=America/New_York, orders and spans by UTC", async () => {
    const file = path.join(dir, "e.ndjson");
    fs.writeFileSync(file, [
      { id: 1, "@timestamp": "2024-05-01 00:00:10", event: { category: ["process"] } },
      { id: 2, "@timestamp": "2024-05-01T00:00:20Z", event: { category: ["network"] } },
    ].map((e) => JSON.stringify(e)).join("\n"));
    const query = "sequence with maxspan=15s [process where true] [network where true]";
    const { stdout } = await promisify(execFile)("node", ["--import", "tsx", "lib/cli/main.ts", "eql", "--query", query, file], {
      cwd: root, env: { ...process.env, TZ: "America/New_York" },
    });
    expect(stdout.trim().split("\n").map((l) => JSON.parse(l).map((e: { id: number }) => e.id))).toEqual([[1, 2]]);
  }, 60_000);
});
