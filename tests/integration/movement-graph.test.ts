import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { criticalRules } from "@/lib/db/queries/incidents";
import { alertPairs, hopPairs, latestHostInfo, ownersOf } from "@/lib/db/queries/movement";
import { parallelReads, pgSql } from "@/lib/db/queries/sql";
import { generateScenario, hostByName } from "@/lib/demo";
import { runOnce } from "@/lib/detection/detection-loop";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { buildGraph, type PairInput } from "@/lib/movement/build-graph";
import { criticalMatcher } from "@/lib/movement/critical";
import { movementGraph } from "@/lib/movement/get-movement";
import { ownersInWindow } from "@/lib/movement/ownership";
import { MOVEMENT_MAX_EDGES, MOVEMENT_MAX_NODES, type AddressOwnerJson, type MovementGraphJson } from "@/lib/movement/types";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * The movement graph is built in the database (movementEdges); lib/movement/build-graph.ts states
 * the same semantics in plain code. On the demo's data plus what the demo lacks — 2,600 outside
 * addresses (more edges than the graph draws), an address two hosts held, a host that connects
 * from two addresses, a host's connection to its own address, an alert without a source address —
 * both give the same graph, for every filter.
 */
let db: TestDatabase;
const END = Date.parse("2026-11-20T12:00:00Z");
const sql = () => pgSql(pool());

const event = (id: string, at: number, host: { id: string; name: string; ip: string }, extra: object) => ({
  "@timestamp": new Date(at).toISOString(),
  event: { id, kind: "event", category: ["network"], type: ["start", "connection"] },
  host: { id: host.id, name: host.name, ip: [host.ip], os: { type: "windows" } },
  network: { direction: "ingress", transport: "tcp" },
  ...extra,
});

beforeAll(async () => {
  db = await openMigratedDatabase("mvgraph");
  const docs: object[] = generateScenario({ end: END }).docs;
  const web = { id: "host-web-99", name: "WEB-99", ip: "10.50.0.99" };
  for (let i = 0; i < 2600; i++) {
    const ip = `203.0.${113 + Math.floor(i / 250)}.${i % 250}`;
    docs.push(event(`out-${i}`, END - 3 * 3600_000 + i * 1000, web, { source: { ip, port: 40000 + i }, destination: { ip: web.ip, port: 5985 } }));
    if (i % 7 === 0) docs.push(event(`out2-${i}`, END - 2 * 3600_000 + i * 1000, web, { source: { ip, port: 45000 + i }, destination: { ip: web.ip, port: 5985 } }));
  }
  // Two hosts held 10.50.0.7 in the window; one connected from it. WEB-99 connects to itself.
  const a = { id: "host-a", name: "LAB-A", ip: "10.50.0.7" };
  const b = { id: "host-b", name: "LAB-B", ip: "10.50.0.7" };
  docs.push(event("lab-a", END - 5 * 3600_000, a, { source: { ip: "10.50.0.1", port: 1 }, destination: { ip: a.ip, port: 3389 } }));
  docs.push(event("lab-b", END - 4 * 3600_000, b, { source: { ip: "10.50.0.1", port: 2 }, destination: { ip: b.ip, port: 3389 } }));
  docs.push(event("lab-to-web", END - 4 * 3600_000 + 5000, web, { source: { ip: a.ip, port: 50001 }, destination: { ip: web.ip, port: 5986 } }));
  docs.push(event("web-self", END - 4 * 3600_000, web, { source: { ip: web.ip, port: 50002 }, destination: { ip: web.ip, port: 5985 } }));
  // LAB-C holds two addresses and connects to WEB-99 from each: one edge of both.
  const c = { id: "host-c", name: "LAB-C", ip: "10.50.0.8" };
  const cHost = { host: { id: c.id, name: c.name, ip: ["10.50.0.8", "10.50.0.9"], os: { type: "windows" } } };
  docs.push(event("lab-c", END - 6 * 3600_000, c, { ...cHost, source: { ip: "10.50.0.1", port: 3 }, destination: { ip: c.ip, port: 3389 } }));
  docs.push(event("c-to-web-1", END - 3 * 3600_000 - 7000, web, { source: { ip: "10.50.0.8", port: 50003 }, destination: { ip: web.ip, port: 5985 } }));
  docs.push(event("c-to-web-2", END - 3 * 3600_000 - 6000, web, { source: { ip: "10.50.0.9", port: 50004 }, destination: { ip: web.ip, port: 5985 } }));
  for (let i = 0; i < docs.length; i += 5000) expect((await ingestDocuments(docs.slice(i, i + 5000).map((doc) => ({ doc })))).rejected).toBe(0);
  await pool().query(`INSERT INTO critical_hosts (id, pattern, created_by) VALUES (gen_random_uuid(), 'DC-*', 'test')`);
  await runOnce((await import("@/lib/rules")).loadRulePack().rules, { workerId: "test" }, () => false);
  // An alert without a source address still counts on its host's node.
  await pool().query(`UPDATE alerts SET source_ip = NULL WHERE id = (SELECT id FROM alerts WHERE host_name = 'DC-01' ORDER BY id LIMIT 1)`);
}, 240_000);
afterAll(() => closeMigratedDatabase(db));

/** The plain-code graph: every pair fetched, merged and bounded by buildGraph. */
async function reference(window: { from: Date; to: Date }, filter: { hostId?: string; ip?: string; nodeIds?: Set<string>; incidentId?: string }): Promise<MovementGraphJson> {
  const targets = filter.nodeIds ? [...filter.nodeIds].filter((id) => id.startsWith("host:")).map((id) => id.slice(5)) : undefined;
  const [hops, alerts, rules] = await Promise.all([
    hopPairs(sql(), window.from, window.to, targets),
    alertPairs(sql(), window.from, window.to, { incidentId: filter.incidentId }),
    criticalRules(sql()),
  ]);
  const pairs = new Map<string, PairInput>();
  for (const h of hops) pairs.set(`${h.source_ip}|${h.host_id}`, { sourceIp: h.source_ip, hostId: h.host_id, connections: h.connections, alerts: 0, firstSeen: h.first_seen, lastSeen: h.last_seen });
  for (const a of alerts) {
    const p = pairs.get(`${a.source_ip}|${a.host_id}`);
    if (p) {
      p.alerts += a.alerts;
      if (a.first_seen < p.firstSeen) p.firstSeen = a.first_seen;
      if (a.last_seen > p.lastSeen) p.lastSeen = a.last_seen;
    } else pairs.set(`${a.source_ip}|${a.host_id}`, { sourceIp: a.source_ip, hostId: a.host_id, connections: 0, alerts: a.alerts, firstSeen: a.first_seen, lastSeen: a.last_seen });
  }
  const ips = [...new Set([...pairs.values()].map((p) => p.sourceIp).filter((x): x is string => x !== null))];
  if (filter.ip && !ips.includes(filter.ip)) ips.push(filter.ip);
  const observations = await ownersOf(sql(), ips, window.from, window.to);
  const owners = new Map<string, AddressOwnerJson[]>(ips.map((ip) => [ip, ownersInWindow(observations, ip, window.from.getTime(), window.to.getTime())]));
  const hostIds = new Set([...pairs.values()].map((p) => p.hostId));
  for (const list of owners.values()) if (list.length === 1) hostIds.add(list[0].hostId);
  const info = await latestHostInfo(sql(), [...hostIds], window.from, window.to);
  return buildGraph({
    pairs: [...pairs.values()],
    owners,
    hostInfo: info,
    isCritical: criticalMatcher(rules.map((r) => ({ hostId: r.host_id, pattern: r.pattern }))),
    window,
    filter,
    maxEdges: MOVEMENT_MAX_EDGES,
    maxNodes: MOVEMENT_MAX_NODES,
  });
}

describe("the movement graph built in the database is the plain-code graph", () => {
  const day = { from: new Date(END - 24 * 3600_000), to: new Date(END) };

  test("a day: more edges than drawn (truncated), owned addresses as hosts, the ambiguous address, no self-loop", async () => {
    const g = await movementGraph(sql(), day, {});
    expect(g).toEqual(await reference(day, {}));
    // In parts at once on one snapshot (as the API reads it): the same graph.
    for (const parts of [2, 3]) expect(await movementGraph(sql(), day, {}, { parts, run: parallelReads })).toEqual(g);
    expect(g.truncated).toBe(true);
    expect(g.totals.edges).toBeGreaterThan(MOVEMENT_MAX_EDGES);
    expect(g.edges.length).toBeLessThanOrEqual(MOVEMENT_MAX_EDGES);
    expect(g.nodes.length).toBeLessThanOrEqual(MOVEMENT_MAX_NODES);
    const ids = new Set(g.nodes.map((n) => n.id));
    expect(ids.has(`host:${hostByName("SRV-FILE-01").id}`)).toBe(true);
    expect(g.edges.some((e) => e.source === e.target)).toBe(false);
    expect(g.edges[0].alerts).toBeGreaterThan(0);
    const fromC = g.edges.find((e) => e.source === "host:host-c" && e.target === "host:host-web-99");
    expect(fromC).toMatchObject({ connections: 2, sourceIps: ["10.50.0.8", "10.50.0.9"] });
  });

  test("around a host, an address, an incident; and a quiet window", async () => {
    const file = hostByName("SRV-FILE-01");
    const { rows } = await pool().query(`SELECT DISTINCT incident_id FROM alerts WHERE host_name = 'DC-01' AND incident_id IS NOT NULL`);
    const incidentId = rows[0].incident_id as string;
    const { rows: parts } = await pool().query(`SELECT DISTINCT host_id, host(source_ip) AS ip, source_host_id FROM alerts WHERE incident_id = $1`, [incidentId]);
    const nodeIds = new Set<string>(parts.flatMap((p) => [`host:${p.host_id}`, ...(p.source_host_id ? [`host:${p.source_host_id}`] : []), ...(p.ip ? [`ip:${p.ip}`] : [])]));
    const cases: { hostId?: string; ip?: string; nodeIds?: Set<string>; incidentId?: string }[] = [
      { hostId: file.id },
      { hostId: "host-web-99" },
      { ip: file.ip },
      { ip: "10.50.0.7" },
      { ip: "203.0.113.5" },
      { nodeIds, incidentId },
    ];
    for (const filter of cases) {
      const g = await movementGraph(sql(), day, filter);
      expect(g, JSON.stringify({ ...filter, nodeIds: undefined })).toEqual(await reference(day, filter));
      expect(g.edges.length).toBeGreaterThan(0);
    }
    const ambiguous = (await movementGraph(sql(), day, { ip: "10.50.0.7" })).nodes.find((n) => n.id === "ip:10.50.0.7");
    expect(ambiguous?.owners.map((o) => o.hostName)).toEqual(["LAB-A", "LAB-B"]);
    const quiet = { from: new Date(END + 30 * 24 * 3600_000), to: new Date(END + 31 * 24 * 3600_000) };
    expect(await movementGraph(sql(), quiet, {})).toEqual(await reference(quiet, {}));
  });

  test("a host node's address (and name) is the one it held last in the window, the hour before its start included", async () => {
    const H = 3600_000;
    const at = END + 40 * 24 * H; // after every other row of this file
    const obs = (ip: string, hostId: string, name: string, first: number, last: number) =>
      pool().query(`INSERT INTO address_observations (ip, host_id, hour, host_name, first_seen, last_seen, events) VALUES ($1, $2, $3, $4, $5, $6, 1)`, [
        ip, hostId, new Date(first - (first % H)), name, new Date(first), new Date(last),
      ]);
    await obs("10.60.0.1", "host-m1", "M1-OLD", at - 3 * H + 60_000, at - 3 * H + 120_000);
    // Two addresses in the latest hour: the later last seen wins, though its first seen is earlier.
    await obs("10.60.0.2", "host-m1", "M1", at - H + 30 * 60_000, at - H + 40 * 60_000);
    await obs("10.60.0.3", "host-m1", "M1-NEW", at - H + 60_000, at - H + 50 * 60_000);
    await obs("10.60.0.4", "host-m1", "M1-LATER", at + 2 * H, at + 2 * H + 60_000); // after the window
    await obs("10.60.0.5", "host-m2", "M2", at - 5 * H - 50 * 60_000, at - 5 * H - 40 * 60_000); // the hour before the window's start
    await obs("10.60.0.6", "host-m3", "M3", at - 9 * H, at - 9 * H + 60_000); // before that hour
    // Without an address in the window, the name on its latest WinRM hour row, else its latest alert.
    const hop = (hostId: string, name: string, first: number) =>
      pool().query(`INSERT INTO winrm_hops (source_ip, host_id, hour, host_name, connections, first_seen, last_seen, first_seq) VALUES ('10.61.0.1', $1, $2, $3, 1, $4, $4, 1)`, [
        hostId, new Date(first - (first % H)), name, new Date(first),
      ]);
    await hop("host-m1", "M1-HOP", at - H + 55 * 60_000);
    await hop("host-h1", "H1-OLD", at - 3 * H);
    await hop("host-h1", "H1", at - 2 * H);
    await pool().query(`UPDATE alerts SET host_id = 'host-al', host_name = 'AL-1', first_event_at = $1 WHERE id = (SELECT id FROM alerts ORDER BY id LIMIT 1)`, [new Date(at - H)]);
    const info = await latestHostInfo(sql(), ["host-m1", "host-m2", "host-m3", "host-h1", "host-al", "host-none"], new Date(at - 5 * H), new Date(at));
    expect(Object.fromEntries(info)).toEqual({
      "host-m1": { ip: "10.60.0.3", name: "M1-NEW" },
      "host-m2": { ip: "10.60.0.5", name: "M2" },
      "host-h1": { ip: null, name: "H1" },
      "host-al": { ip: null, name: "AL-1" },
    });
  });
});
