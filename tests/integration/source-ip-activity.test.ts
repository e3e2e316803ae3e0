import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { getSourceIpActivity, IP_CONNECTION_POINTS, IP_HOSTS } from "@/lib/investigation/get-source-ip-activity";
import { advanceAddressBookFully } from "@/lib/movement/advance-address-book";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { T0, winrmConnection } from "./investigation-fixture";

/**
 * A busy source IP: more hosts and connections than the timeline lists. The counts, first/last seen
 * and hosts reached still cover every connection of the window; the lists say they were cut.
 */
const BUSY = "10.200.0.9";
const HOSTS = IP_HOSTS + 20;
const PER_HOST = Math.ceil((IP_CONNECTION_POINTS + 100) / HOSTS);
let db: TestDatabase;

beforeAll(async () => {
  db = await openMigratedDatabase("ipact");
  const docs: { doc: unknown }[] = [];
  for (let h = 0; h < HOSTS; h++) {
    for (let i = 0; i < PER_HOST; i++) {
      docs.push({ doc: winrmConnection(`busy-${h}-${i}`, h * 10 + i * 3600, `host-busy-${h}`, `BUSY-${h}`, "10.0.0.5", 5985, BUSY) });
    }
  }
  // Not WinRM connections of the address: another port, another source.
  docs.push({ doc: winrmConnection("other-port", 5, "host-busy-0", "BUSY-0", "10.0.0.5", 3389, BUSY) });
  docs.push({ doc: winrmConnection("other-ip", 5, "host-busy-0", "BUSY-0", "10.0.0.5", 5985, "10.200.0.10") });
  docs.push(...bothEnds());
  expect((await ingestDocuments(docs)).accepted).toBe(docs.length);
  await advanceAddressBookFully();
});

/**
 * FILE-01 (10.200.1.21) opens WinRM sessions, seen by its own sensor (outbound) and, where the target
 * runs one, by the target's (inbound):
 * - to SQL-02: both ends recorded, the target 400 ms later (clocks differ): one connection;
 * - to DC-01: only FILE-01's record (DC-01's sensor records its own address, not this connection);
 * - to SQL-02 again from the same source port 5 s later: another connection, both ends;
 * - to SQL-02 from another source port: the target's record only;
 * - to 10.200.1.40, a host no event names, in a record without network.direction (FILE-01 held the
 *   address: its own record is the origin's all the same): counted at an unknown host.
 */
const ORIGIN = "10.200.1.21";
const connection = (id: string, ms: number, host: [string, string, string], dir: "egress" | "ingress" | null, sport: number, dst: string) => ({
  "@timestamp": new Date(T0 + ms).toISOString(),
  event: { id, kind: "event", category: ["network"], type: ["start", "connection"] },
  host: { id: host[0], name: host[1], ip: [host[2]], os: { type: "windows" } },
  network: dir ? { direction: dir, transport: "tcp" } : { transport: "tcp" },
  source: { ip: ORIGIN, port: sport },
  destination: { ip: dst, port: 5985 },
  process: { name: dir === "egress" ? "powershell.exe" : "System", pid: dir === "egress" ? 4242 : 4 },
});
function bothEnds() {
  const file: [string, string, string] = ["host-file-01", "FILE-01", ORIGIN];
  const sql: [string, string, string] = ["host-sql-02", "SQL-02", "10.200.1.30"];
  const dc: [string, string, string] = ["host-dc-01", "DC-01", "10.200.1.5"];
  return [
    connection("o-1", 0, file, "egress", 51001, sql[2]),
    connection("t-1", 400, sql, "ingress", 51001, sql[2]),
    connection("o-2", 60_000, file, "egress", 51002, dc[2]),
    { "@timestamp": new Date(T0 + 60_000).toISOString(), event: { id: "dc-own", kind: "event", category: ["process"], type: ["start"] }, host: { id: dc[0], name: dc[1], ip: [dc[2]], os: { type: "windows" } }, process: { name: "svchost.exe", pid: 700 } },
    connection("o-3", 5_000, file, "egress", 51001, sql[2]),
    connection("t-3", 5_300, sql, "ingress", 51001, sql[2]),
    connection("t-4", 120_000, sql, "ingress", 51009, sql[2]),
    connection("o-5", 180_000, file, null, 51010, "10.200.1.40"),
  ].map((doc) => ({ doc }));
}
afterAll(() => closeMigratedDatabase(db));

describe("source-IP activity of a busy address", () => {
  const window = { from: new Date(T0 - 3600_000), to: new Date(T0 + 24 * 3600_000) };

  test("totals, per-host counts and first/last seen cover every connection; the lists are bounded and flagged", async () => {
    const a = await getSourceIpActivity(BUSY, window);
    const total = HOSTS * PER_HOST;
    expect(a.totals).toEqual({ hosts: HOSTS, connections: total, alerts: 0 });
    expect(a.connections).toHaveLength(IP_CONNECTION_POINTS);
    expect(a.truncated).toBe(true);
    expect(a.alertsTruncated).toBe(false);
    expect(a.hosts).toHaveLength(IP_HOSTS);
    expect(a.hostsTruncated).toBe(true);
    // The first hosts by first seen, each with all its connections, named.
    expect(a.hosts[0]).toMatchObject({ hostId: "host-busy-0", hostName: "BUSY-0", connections: PER_HOST });
    expect(a.hosts.every((h) => h.connections === PER_HOST)).toBe(true);
    expect(a.firstSeen).toBe(new Date(T0).toISOString());
    expect(a.lastSeen).toBe(new Date(T0 + ((HOSTS - 1) * 10 + (PER_HOST - 1) * 3600) * 1000).toISOString());
    // Buckets only for the listed hosts, and they add up to those hosts' counts.
    const listed = new Set(a.hosts.map((h) => h.hostId));
    expect(a.buckets.every((b) => listed.has(b.hostId))).toBe(true);
    expect(a.buckets.reduce((n, b) => n + b.connections, 0)).toBe(IP_HOSTS * PER_HOST);
    // Each bucket starts a whole number of buckets after the window's start.
    expect(a.buckets.every((b) => (Date.parse(b.start) - window.from.getTime()) % a.bucketMs === 0)).toBe(true);
    // The listed connections are the first ones in time order.
    const times = a.connections.map((c) => c.timestamp);
    expect(times).toEqual([...times].sort());
    expect(a.connections[0].timestamp).toBe(new Date(T0).toISOString());
  });

  test("an address below every limit is listed whole", async () => {
    const q = await getSourceIpActivity("10.200.0.10", window);
    expect(q.totals).toEqual({ hosts: 1, connections: 1, alerts: 0 });
    expect(q.connections).toHaveLength(1);
    expect([q.truncated, q.alertsTruncated, q.hostsTruncated]).toEqual([false, false, false]);
    expect(q.buckets).toEqual([{ hostId: "host-busy-0", start: new Date(T0).toISOString(), connections: 1, alerts: 0 }]);
  });
});

describe("a connection seen at both ends", () => {
  const window = { from: new Date(T0 - 3600_000), to: new Date(T0 + 3600_000) };

  test("counts once, at its target; the address's own host is the origin, not a host reached", async () => {
    const a = await getSourceIpActivity(ORIGIN, window);
    expect(a.owners.map((o) => o.hostName)).toEqual(["FILE-01"]);
    // Five connections: 0 s and 5 s (both ends), DC-01 (client end only), the target-only one, the undirected one.
    expect(a.totals).toEqual({ hosts: 3, connections: 5, alerts: 0 });
    expect(a.hosts.map((h) => [h.hostId, h.connections])).toEqual([
      ["host-sql-02", 3],
      ["host-dc-01", 1],
      ["(unknown)", 1],
    ]);
    expect(a.hosts.some((h) => h.hostId === "host-file-01")).toBe(false);
    expect(a.origin).toEqual([{ hostId: "host-file-01", hostName: "FILE-01", connections: 4, firstSeen: new Date(T0).toISOString(), lastSeen: new Date(T0 + 180_000).toISOString() }]);
    expect(a.connections.map((c) => [c.eventId, c.hostName, c.seen])).toEqual([
      ["t-1", "SQL-02", "both"],
      ["t-3", "SQL-02", "both"],
      ["o-2", "DC-01", "origin"],
      ["t-4", "SQL-02", "target"],
      ["o-5", null, "origin"],
    ]);
    expect(a.buckets.reduce((n, b) => n + b.connections, 0)).toBe(5);
    expect(a.buckets.some((b) => b.hostId === "host-file-01")).toBe(false);
  });
});
