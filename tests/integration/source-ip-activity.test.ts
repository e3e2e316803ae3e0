import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { getSourceIpActivity, IP_CONNECTION_POINTS, IP_HOSTS } from "@/lib/investigation/get-source-ip-activity";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";
import { T0, winrmConnection } from "./investigation-fixture";

/**
 * A busy source IP: more hosts and connections than the timeline lists. The counts, first/last seen
 * and hosts touched still cover every connection of the window; the lists say they were cut.
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
  expect((await ingestDocuments(docs)).accepted).toBe(docs.length);
});
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
