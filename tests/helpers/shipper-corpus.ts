import { expect } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pool } from "@/lib/db/client";
import { runWorkerOnce } from "./run-cli";
import { winrmPair } from "./fixtures/winrm-events";

/**
 * The documents every real-client test ships, as NDJSON files (one source document per line) that
 * the client programs read:
 * - `small`: 50,000 small ECS events (~600 bytes) with planted WinRM lateral movement: PowerShell
 *   remoting on 3 hosts and WinRM remote shell on 2, the rest ordinary process and network events;
 * - `large`: 600 documents of 24 KB (a long `message`), shipped with the client's default batch settings;
 * - `bad`: 10 documents whose 5th has an unparseable @timestamp: exactly that item must be reported.
 * Every document has an `event.id` (the clients also send it as `_id`), prefixed per test file.
 */
export const PS_RULE = "2772264c-6fb9-4d9d-9014-b416eed21254";
export const WINRS_RULE = "1cd01db9-be24-4bef-8e7c-e923f0ff78ab";

export interface Corpus {
  dir: string;
  prefix: string;
  small: string;
  smallCount: number;
  large: string;
  largeCount: number;
  bad: string;
  badCount: number;
  badId: string;
  expectedAlerts: Record<string, number>;
  remove(): Promise<void>;
}

export const SMALL_COUNT = 50_000;
export const LARGE_COUNT = 600;
export const LARGE_BYTES = 24 * 1024;

export async function writeCorpus(prefix: string, opts: { small?: number } = {}): Promise<Corpus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `lateral-${prefix}-`));
  const smallCount = opts.small ?? SMALL_COUNT;
  const planted: Record<string, unknown>[] = [];
  const base = Date.UTC(2026, 10, 20, 8, 0, 0);
  for (let h = 0; h < 3; h++) planted.push(...winrmPair({ host: `${prefix}-PS-${h}`, sourceIp: `10.66.0.${h + 1}`, at: base + h * 60_000, child: "whoami.exe" }));
  for (let h = 0; h < 2; h++) {
    planted.push(...winrmPair({ host: `${prefix}-WS-${h}`, sourceIp: `10.67.0.${h + 1}`, at: base + h * 60_000, parent: "winrshost.exe", child: "ipconfig.exe" }));
  }
  const small: string[] = [];
  for (let i = 0; small.length < smallCount - planted.length; i++) small.push(JSON.stringify(filler(prefix, i, base)));
  // The planted events go in the middle of the stream, with ids of the same shape.
  const middle = Math.floor(small.length / 2);
  planted.forEach((d, k) => {
    (d.event as { id: string }).id = `${prefix}-planted-${k}`;
    small.splice(middle + k, 0, JSON.stringify(d));
  });

  const large: string[] = [];
  for (let i = 0; i < LARGE_COUNT; i++) {
    const d = filler(prefix, i, base, "large");
    const without = JSON.stringify({ ...d, message: "" });
    large.push(JSON.stringify({ ...d, message: "x".repeat(LARGE_BYTES - without.length) }));
  }
  const bad: string[] = [];
  for (let i = 0; i < 10; i++) {
    const d = filler(prefix, i, base, "bad");
    if (i === 4) d["@timestamp"] = "not a timestamp";
    bad.push(JSON.stringify(d));
  }
  const files = { small: path.join(dir, "small.ndjson"), large: path.join(dir, "large.ndjson"), bad: path.join(dir, "bad.ndjson") };
  await writeFile(files.small, small.join("\n") + "\n");
  await writeFile(files.large, large.join("\n") + "\n");
  await writeFile(files.bad, bad.join("\n") + "\n");
  return {
    dir,
    prefix,
    ...files,
    smallCount,
    largeCount: LARGE_COUNT,
    badCount: 10,
    badId: `${prefix}-bad-4`,
    expectedAlerts: { [PS_RULE]: 3, [WINRS_RULE]: 2 },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

function filler(prefix: string, i: number, base: number, kind = "s"): Record<string, unknown> {
  const host = `${prefix}-host-${i % 50}`;
  const common = {
    "@timestamp": new Date(base + i * 1000).toISOString(),
    host: { id: host.toLowerCase(), name: host, os: { type: "windows" } },
  };
  if (i % 2 === 0) {
    return {
      ...common,
      event: { id: `${prefix}-${kind}-${i}`, category: ["process"], type: ["start"], action: "start" },
      process: { pid: 1000 + i, name: "svchost.exe", executable: "C:\\Windows\\System32\\svchost.exe", command_line: `svchost.exe -k netsvcs -p ${i}`, parent: { name: "services.exe", pid: 600 } },
      user: { name: "SYSTEM" },
    };
  }
  return {
    ...common,
    event: { id: `${prefix}-${kind}-${i}`, category: ["network"], type: ["start"], action: "connection_attempted" },
    network: { direction: "egress", transport: "tcp" },
    source: { ip: "10.0.0.20", port: 40000 + (i % 20000) },
    destination: { ip: "10.0.1.1", port: 443 },
    process: { pid: 4, name: "System" },
  };
}

/**
 * Runs one shipment of `count` documents and prints its throughput (the program's start included):
 * a figure to read, never asserted (the machine may be shared); the README quotes these lines.
 */
export async function timedShipment<T>(label: string, count: number, ship: () => Promise<T>): Promise<T> {
  const t = performance.now();
  const out = await ship();
  const seconds = (performance.now() - t) / 1000;
  console.log(`[throughput] ${label}: ${count} documents in ${seconds.toFixed(1)} s, ${Math.round(count / seconds)} events/s`);
  return out;
}

/** How many events of this corpus are stored, by kind, and how many stored twice. */
export async function storedCounts(prefix: string) {
  const { rows } = await pool().query(
    `SELECT count(*)::int AS total, count(DISTINCT event_id)::int AS distinct_ids,
            count(*) FILTER (WHERE event_id LIKE $1 OR event_id LIKE $2)::int AS small,
            count(*) FILTER (WHERE event_id LIKE $3)::int AS large,
            count(*) FILTER (WHERE event_id LIKE $4)::int AS bad,
            coalesce(min(octet_length(doc::text)) FILTER (WHERE event_id LIKE $3), 0)::int AS large_min_bytes
       FROM events WHERE event_id LIKE $5`,
    [`${prefix}-s-%`, `${prefix}-planted-%`, `${prefix}-large-%`, `${prefix}-bad-%`, `${prefix}-%`],
  );
  return rows[0] as { total: number; distinct_ids: number; small: number; large: number; bad: number; large_min_bytes: number };
}

/**
 * The corpus' small (50,000) or large (24 KB) documents are all stored, and no event is stored
 * twice, however often they were sent.
 */
export async function expectStoredOnce(corpus: Corpus, kind: "small" | "large") {
  const counts = await storedCounts(corpus.prefix);
  if (kind === "small") expect(counts.small).toBe(corpus.smallCount);
  else {
    expect(counts.large).toBe(corpus.largeCount);
    expect(counts.large_min_bytes).toBeGreaterThan(24_000);
  }
  expect(counts.distinct_ids).toBe(counts.total);
}

/** Runs the detection worker once over everything stored; returns the alerts per rule id. */
export async function alertsAfterDetection(dbUrl: string): Promise<Record<string, number>> {
  const once = await runWorkerOnce({ DATABASE_URL: dbUrl });
  if (once.code !== 0) throw new Error(`worker --once failed: ${once.stderr}`);
  const { rows } = await pool().query(`SELECT rule_id, count(*)::int AS n FROM alerts GROUP BY rule_id`);
  return Object.fromEntries(rows.map((r) => [r.rule_id, r.n]));
}
