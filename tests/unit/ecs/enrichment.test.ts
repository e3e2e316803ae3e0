import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ecs/normalize";
import type { NormalizedEvent } from "@/lib/ecs/types";

const conn = (extra: Record<string, unknown>) => ({
  "@timestamp": "2024-05-01T10:00:00Z",
  host: { id: "h1", os: { type: "windows" } },
  event: { category: ["network"], type: ["start"] },
  source: { ip: "10.0.0.5", port: 50000 },
  destination: { ip: "10.0.0.6", port: 5985 },
  network: { direction: "ingress", transport: "tcp" },
  ...extra,
});

function ok(input: unknown, ctx = {}): NormalizedEvent {
  const r = normalizeEvent(input, ctx);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

describe("WinRM protocol enrichment", () => {
  it.each(["ingress", "INBOUND", "incoming"])("adds network.protocol http to an inbound (%s) connection to 5985", (direction) => {
    const e = ok(conn({ network: { direction, transport: "tcp" } }));
    expect(e.columns.protocol).toBe("http");
    expect(e.enrichments).toEqual([
      { field: "network.protocol", value: "http", reason: expect.stringMatching(/WS-Management runs over HTTP\/HTTPS/) },
    ]);
    expect((e.doc.lateral as { enrichments: unknown[] }).enrichments).toEqual(e.enrichments);
  });

  it("applies to 5986 and to a port sent as a string", () => {
    expect(ok(conn({ destination: { ip: "10.0.0.6", port: "5986" } })).columns.protocol).toBe("http");
  });

  it("leaves outbound connections, other ports and a present protocol alone", () => {
    const outbound = ok(conn({ network: { direction: "egress" } }));
    const otherPort = ok(conn({ destination: { ip: "10.0.0.6", port: 445 } }));
    const present = ok(conn({ network: { direction: "ingress", protocol: "https" } }));
    expect(outbound.columns.protocol).toBeNull();
    expect(otherPort.columns.protocol).toBeNull();
    expect(present.columns.protocol).toBe("https");
    for (const e of [outbound, otherPort, present]) {
      expect(e.enrichments).toEqual([]);
      expect(e.doc.lateral).toBeUndefined();
    }
  });
});

describe("dataset from the index name", () => {
  const doc = { "@timestamp": 1, host: { id: "h" } };
  it.each([
    ["logs-endpoint.events.process-default", "endpoint.events.process"],
    ["logs-endpoint.events.network-default", "endpoint.events.network"],
    ["logs-windows.sysmon_operational-default", "windows.sysmon_operational"],
  ])("maps %s to %s", (index, dataset) => {
    const e = ok(doc, { index });
    expect(e.columns.dataset).toBe(dataset);
    expect(e.enrichments[0]).toMatchObject({ field: "event.dataset", value: dataset });
  });

  it("maps winlogbeat-* only for the Sysmon channel", () => {
    const sysmon = ok({ ...doc, winlog: { channel: "Microsoft-Windows-Sysmon/Operational" }, process: { pid: 1 } }, { index: "winlogbeat-8.0" });
    const security = ok({ ...doc, winlog: { channel: "Security" }, process: { pid: 1 } }, { index: "winlogbeat-8.0" });
    expect(sysmon.columns.dataset).toBe("windows.sysmon_operational");
    expect(security.columns.dataset).toBeNull();
  });

  it("never overrides a dataset the document has", () => {
    expect(ok({ ...doc, event: { dataset: "mine" } }, { index: "logs-endpoint.events.process-x" }).columns.dataset).toBe("mine");
    expect(ok({ ...doc, data_stream: { dataset: "ds" } }, { index: "logs-endpoint.events.process-x" }).columns.dataset).toBe("ds");
  });
});
