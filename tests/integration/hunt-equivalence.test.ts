import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { pool } from "@/lib/db/client";
import { runOnce } from "@/lib/detection/detection-loop";
import { huntSelect } from "@/lib/db/queries/hunt-events";
import { compileQuery } from "@/lib/eql";
import { runHunt } from "@/lib/hunt/run-hunt";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { loadRulePack } from "@/lib/rules";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { runCli } from "@/tests/helpers/run-cli";

/**
 * Same answers everywhere: over the same generated events (seeded), a hunt on the store returns
 * exactly what `npm run cli -- eql` returns over a file export of those events, and for the seed
 * rules exactly the sequences the worker alerts for.
 */
let db: TestDatabase;
let exportFile: string;
let from: string;
let to: string;

function prng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const HOSTS = ["WKS-001", "WKS-002", "SRV-DB", "SRV-FILE", "DC-01"];
const USERS = ["svc-admin", "Administrator", "alice", "bob"];
const CHILDREN = ["whoami.exe", "net.exe", "cmd.exe", "powershell.exe", "logoff.exe", "conhost.exe", "ipconfig.exe", "WHOAMI.EXE", "\u212Aerberos.exe", "KERBEROS.EXE", "ntdsutil.exe"];
const PARENTS = ["wsmprovhost.exe", "winrshost.exe", "explorer.exe", "services.exe", "WsmProvHost.exe"];
const SOURCES = ["10.13.37.5", "10.13.37.6", "127.0.0.1", "::1", "192.168.1.9"];
const PORTS = [5985, 5986, 445, 3389];
const T0 = Date.parse("2026-11-20T10:00:00Z");

function generate(n: number, seed: number) {
  const r = prng(seed);
  const pick = <T,>(xs: T[]) => xs[Math.floor(r() * xs.length)];
  const docs: Record<string, unknown>[] = [];
  let t = T0;
  for (let i = 0; i < n; i++) {
    // Bursts of events a few seconds apart, with quiet gaps of minutes between bursts.
    t += r() < 0.1 ? Math.floor(r() * 180_000) : Math.floor(r() * 6000);
    const host = pick(HOSTS);
    const base = {
      "@timestamp": new Date(t).toISOString(),
      host: { id: `id-${host.toLowerCase()}`, name: host, os: { type: r() < 0.95 ? "windows" : "linux" } },
    };
    if (r() < 0.4) {
      docs.push({
        ...base,
        event: { id: `e${i}`, category: ["network"], type: ["start", "connection"] },
        network: { direction: pick(["ingress", "incoming", "egress"]), transport: "tcp", protocol: r() < 0.9 ? "http" : "smb" },
        process: { pid: r() < 0.8 ? 4 : 1234, name: "System" },
        source: { ip: pick(SOURCES), port: 50000 + Math.floor(r() * 200) },
        destination: { ip: "10.0.0.20", port: pick(PORTS) },
      });
    } else {
      const name = pick(CHILDREN);
      const pid = 5000 + Math.floor(r() * 400);
      docs.push({
        ...base,
        event: { id: `e${i}`, category: ["process"], type: [r() < 0.9 ? "start" : "end"] },
        process: {
          pid,
          name,
          executable: name === "conhost.exe" ? `${pick(["C", "D"])}:\\Windows\\System32\\conhost.exe` : `C:\\Windows\\System32\\${name}`,
          command_line: `${name} ${pick(["/all", "-enc SQBFAFgA", "user /domain", ""])}`.trim(),
          parent: { name: pick(PARENTS), pid: 5000 + Math.floor(r() * 400) },
        },
        user: { name: pick(USERS) },
      });
    }
  }
  return docs;
}

const SEED_RULES = loadRulePack().rules;

const QUERIES = [
  `process where process.name : "whoami.exe"`,
  `process where process.name == "whoami.exe"`,
  `network where destination.port in (5985, 5986) and source.ip == "10.13.37.5"`,
  `process where process.parent.name : ("wsmprovhost.exe", "winrshost.exe") and not process.executable : "?:\\\\Windows\\\\System32\\\\conhost.exe"`,
  `process where startsWith~(process.command_line, "POWERSHELL")`,
  `process where length(process.command_line) > 20`,
  `any where user.name in ("svc-admin", "Administrator")`,
  `network where cidrMatch(source.ip, "10.13.0.0/16")`,
  `process where process.pid > 5100 and process.pid % 3 == 0`,
  `process where stringContains(process.command_line, "enc")`,
  `process where process.name like~ "net*.exe"`,
  `process where process.name regex "[a-z]+\\\\.exe"`,
  `process where process.name : "kerberos.exe"`,
  `process where concat(process.name, "-", user.name) : "whoami.exe-svc*"`,
  `network where source.port >= 50000 and source.port < 50100 and source.ip != "::1"`,
  `process where ?process.title == null and process.name in~ ("WHOAMI.EXE", "Net.exe")`,
  `process where true | head 5`,
  `process where process.name : "cmd.exe" | tail 7`,
  `sequence by host.id with maxspan=30s [network where destination.port == 5985] [process where process.parent.name : "wsmprovhost.exe"]`,
  `sequence by host.id [network where true] [process where true]`,
  `sequence by user.name with maxspan=1m [process where process.name : "whoami.exe"] [process where process.name : "net.exe"]`,
  `sequence by host.id with maxspan=5m [process where true] by process.pid [process where true] by process.parent.pid`,
  `sequence by host.id with maxspan=30s [network where destination.port in (5985, 5986)] [process where process.parent.name : "wsmprovhost.exe"] until [process where process.name : "logoff.exe"]`,
  `sequence by host.id with maxspan=1m [process where process.name : "cmd.exe"] with runs=2`,
  `sequence with maxspan=10s [network where source.ip == "10.13.37.5"] [network where source.ip == "10.13.37.6"]`,
  `sequence by host.id with maxspan=1m [network where true] ![process where process.name : "cmd.exe"] [process where process.parent.name : "wsmprovhost.exe"]`,
  `sequence by host.id with maxspan=20s [process where process.name : "whoami.exe"] [process where process.name : "net.exe"] ![process where process.name : "logoff.exe"]`,
  `sequence by host.id with maxspan=2m [network where destination.port == 5985] [process where process.name : "whoami.exe"] [process where process.name : "net.exe"]`,
  `sequence by host.id with maxspan=1m [process where process.name : "cmd.exe"] [process where process.name in ("cmd.exe", "net.exe")]`,
  `sequence by host.id, user.name with maxspan=3m [any where true] [process where process.parent.name : "winrshost.exe"] until [network where destination.port == 445]`,
];

beforeAll(async () => {
  db = await openMigratedDatabase("hunt_eq");
  const docs = generate(3000, 20261204);
  const summary = await ingestDocuments(docs.map((doc) => ({ doc })));
  expect(summary.accepted).toBe(docs.length);
  const { rows } = await pool().query(`SELECT doc FROM events ORDER BY ts, seq`);
  exportFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hunt-eq-")), "export.ndjson");
  fs.writeFileSync(exportFile, rows.map((r) => JSON.stringify(r.doc)).join("\n") + "\n");
  const ts = rows.map((r) => Date.parse(r.doc["@timestamp"]));
  from = new Date(Math.min(...ts) - 60_000).toISOString();
  to = new Date(Math.max(...ts) + 60_000).toISOString();
}, 120_000);
afterAll(async () => {
  if (exportFile) fs.rmSync(path.dirname(exportFile), { recursive: true, force: true });
  await closeMigratedDatabase(db);
});

const actor = systemActor("test");
const hunt = (query: string) => runHunt({ query, from, to, limit: 10_000 }, { actor });

/** The CLI's lines as arrays of documents (an event query's line is one document; missing-event stages dropped). */
async function cli(query: string): Promise<unknown[][]> {
  const res = await runCli(["eql", "--query", query, exportFile], { DATABASE_URL: db.url });
  expect(res.code, res.stderr).toBe(0);
  return res.stdout
    .split("\n")
    .filter(Boolean)
    .map((l) => JSON.parse(l))
    .map((v) => (Array.isArray(v) ? v.filter((e) => !(e && typeof e === "object" && "missing" in e && Object.keys(e).length === 1)) : [v]));
}

describe("a hunt returns what the CLI returns over a file export of the same events", () => {
  const all = [...SEED_RULES.map((r) => r.query), ...QUERIES];
  test("at least both seed rules and 20 other queries, event queries and sequences", () => {
    expect(QUERIES.length).toBeGreaterThanOrEqual(20);
    expect(all.filter((q) => q.trim().startsWith("sequence")).length).toBeGreaterThanOrEqual(8);
  });

  test.each(all.map((q) => [q]))("%s", async (query) => {
    const [h, c] = await Promise.all([hunt(query), cli(query)]);
    expect(h.truncated).toBe(false);
    expect(h.matches.map((m) => m.events)).toEqual(c);
  }, 60_000);

  test("the queries are not trivial: most of them match something, none matches everything", async () => {
    const counts: number[] = [];
    for (const q of QUERIES) counts.push((await hunt(q)).matches.length);
    expect(counts.filter((n) => n > 0).length).toBeGreaterThanOrEqual(18);
    expect(Math.max(...counts)).toBeLessThan(3000);
  }, 60_000);
});

describe("a hunt with a seed rule's query finds exactly the sequences the worker alerts for", () => {
  test("both seed rules", async () => {
    // The seed rules are read from their last stage (the process WinRM started), not the whole window.
    for (const rule of SEED_RULES) expect(huntSelect(compileQuery(rule.query), { from: new Date(from), to: new Date(to) }).anchored).toBe(true);
    const summary = await runOnce(SEED_RULES, { workerId: "hunt-eq" }, () => false);
    expect(summary.alertsCreated).toBeGreaterThan(0);
    for (const rule of SEED_RULES) {
      const { rows } = await pool().query(`SELECT events FROM alerts WHERE rule_id = $1`, [rule.ruleId]);
      const alerted = rows.map((r) => (r.events as { id: number }[]).map((e) => Number(e.id)).join(",")).sort();
      const found = (await hunt(rule.query)).matches.map((m) => m.refs.map((r) => r.id).join(",")).sort();
      expect(found.length).toBeGreaterThan(0);
      expect(found).toEqual(alerted);
    }
  }, 120_000);
});
