import { afterAll, beforeAll, expect, test } from "vitest";
import { pool } from "@/lib/db/client";
import { ingestDocuments } from "@/lib/ingest/ingest-documents";
import { advanceAddressBook } from "@/lib/movement/advance-address-book";
import { hostAddress, ownAddresses, winrmHopSource } from "@/lib/movement/extract-addresses";
import { closeMigratedDatabase, openMigratedDatabase, type TestDatabase } from "@/tests/helpers/database";

/**
 * The address book reads batches inside PostgreSQL (`lateral_host_inet` and one aggregate per
 * batch); it must agree with the documented semantics of lib/movement/extract-addresses.ts.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await openMigratedDatabase("addrsql");
});
afterAll(async () => {
  await closeMigratedDatabase(db);
});

const TEXTS = [
  "10.20.1.21", " 10.20.1.22 ", "127.0.0.1", "169.254.3.4", "224.0.0.251", "0.0.0.0", "255.255.255.255", "999.1.1.1", "10.1",
  "010.1.1.1", "0x0A.1.1.1", "::1", "::", "fe80::1%12", "ff02::1", "2001:db8::5", "2001:DB8:0:0:0:0:0:5", "::ffff:10.20.1.23",
  "fd00::1", "not an ip", "", "1.2.3.4/24", "1:2:3:4:5:6:7:8:9",
];

test("lateral_host_inet reads every text as hostAddress does", async () => {
  for (const t of TEXTS) {
    const { rows } = await pool().query(`SELECT host(lateral_host_inet($1)) AS a`, [t]);
    expect(rows[0].a, JSON.stringify(t)).toBe(hostAddress(t));
  }
});

test("a batch's observations and hops are those of ownAddresses and winrmHopSource", async () => {
  const at = "2026-11-20T10:15:00Z";
  const host = (ip: unknown) => ({ id: "h-1", name: "SRV-1", ip, os: { type: "windows" } });
  const docs = [
    { "@timestamp": at, event: { id: "e1", category: ["process"], type: ["start"] }, host: host(["10.20.1.21", "fe80::1", "127.0.0.1"]) },
    { "@timestamp": at, event: { id: "e2", category: ["network"], type: ["start"] }, host: host("10.20.1.21"), network: { direction: "ingress" }, source: { ip: "10.13.37.5", port: 5000 }, destination: { ip: "10.20.1.30", port: 5985 } },
    { "@timestamp": at, event: { id: "e3", category: ["network"], type: ["start"] }, host: host([]), network: { direction: "egress" }, source: { ip: "10.20.1.31", port: 5000 }, destination: { ip: "10.9.9.9", port: 5985 } },
    { "@timestamp": at, event: { id: "e4", category: ["network"], type: ["start"] }, host: host(["10.20.1.21"]), network: { direction: "ingress" }, source: { ip: "10.20.1.21", port: 5000 }, destination: { ip: "10.20.1.21", port: 5986 } },
    { "@timestamp": at, event: { id: "e5", category: ["network"], type: ["start"] }, host: host(["10.20.1.21"]), network: { direction: "ingress" }, source: { ip: "127.0.0.1", port: 5000 }, destination: { ip: "10.20.1.21", port: 5985 } },
  ];
  expect((await ingestDocuments(docs.map((doc) => ({ doc })))).accepted).toBe(docs.length);
  const c = await pool().connect();
  try {
    await advanceAddressBook(c);
  } finally {
    c.release();
  }
  const expectedOwn = new Set<string>();
  const expectedHops = new Set<string>();
  for (const d of docs as Record<string, any>[]) {
    const e = { hostIp: d.host.ip, direction: d.network?.direction ?? null, sourceIp: d.source?.ip ?? null, destinationIp: d.destination?.ip ?? null, destinationPort: d.destination?.port ?? null, network: d.event.category.includes("network") };
    const own = ownAddresses(e);
    for (const ip of own) expectedOwn.add(ip);
    const src = winrmHopSource(e, own);
    if (src) expectedHops.add(src);
  }
  const obs = await pool().query(`SELECT host(ip) AS ip, events FROM address_observations ORDER BY ip`);
  expect(new Set(obs.rows.map((r) => r.ip))).toEqual(expectedOwn);
  expect(obs.rows.find((r) => r.ip === "10.20.1.21").events).toBe(4); // e1, e2, e4, e5: once per event
  const hops = await pool().query(`SELECT host(source_ip) AS ip, connections FROM winrm_hops`);
  expect(new Set(hops.rows.map((r) => r.ip))).toEqual(expectedHops);
  expect(hops.rows).toEqual([{ ip: "10.13.37.5", connections: 1 }]);
});
