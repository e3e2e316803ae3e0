import { describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ecs/normalize";
import { isRawWindowsEvent } from "@/lib/ecs/raw-record";
import type { NormalizedEvent } from "@/lib/ecs/types";
import { parseWindowsEventXml } from "@/lib/ecs/windows-xml";

const SYSMON = "Microsoft-Windows-Sysmon/Operational";

const processData = {
  UtcTime: "2020-09-20 21:09:11.252",
  ProcessGuid: "{d273d0f0-c4f7-5f67-a707-000000000800}",
  ProcessId: "10116",
  Image: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
  CommandLine: '"C:\\windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe" -noP -sta -w 1 -enc SQBm',
  User: "THESHIRE\\pgustavo",
  ParentProcessGuid: "{d273d0f0-c4f4-5f67-a607-000000000800}",
  ParentProcessId: "9036",
  ParentImage: "C:\\Windows\\System32\\wsmprovhost.exe",
  ParentCommandLine: "C:\\windows\\system32\\wsmprovhost.exe -Embedding",
  RuleName: "-",
};
const networkData = {
  UtcTime: "2020-09-20 21:09:08.008",
  ProcessGuid: "{d273d0f0-e84d-5f64-0100-000000000800}",
  Image: "System",
  User: "NT AUTHORITY\\SYSTEM",
  Protocol: "tcp",
  Initiated: "false",
  SourceIsIpv6: "false",
  SourceIp: "172.18.39.5",
  SourceHostname: "-",
  SourcePort: "59770",
  SourcePortName: "-",
  DestinationIsIpv6: "false",
  DestinationIp: "172.18.39.6",
  DestinationPort: "5985",
  DestinationPortName: "-",
};

const nxlog = (id: number, data: Record<string, string>) => ({
  EventID: id,
  Channel: SYSMON,
  Hostname: "WORKSTATION6.theshire.local",
  host: "wec.internal.cloudapp.net",
  "@timestamp": "2020-09-20T21:09:14.375Z",
  SourceName: "Microsoft-Windows-Sysmon",
  ...data,
});
const winlogbeat = (id: number, data: Record<string, string>) => ({
  "@timestamp": "2020-09-20T21:09:14.375Z",
  host: { name: "wec.internal.cloudapp.net", id: "collector-guid" },
  agent: { type: "winlogbeat" },
  winlog: { event_id: id, channel: SYSMON, computer_name: "WORKSTATION6.theshire.local", provider_name: "Microsoft-Windows-Sysmon", event_data: data },
});
const xml = (id: number, data: Record<string, string>) =>
  `<Event xmlns="http://schemas.microsoft.com/win/2004/08/events/event"><System>` +
  `<Provider Name="Microsoft-Windows-Sysmon" Guid="{5770385f-c22a-43e0-bf4c-06f5698ffbd9}"/><EventID>${id}</EventID>` +
  `<TimeCreated SystemTime="2020-09-20T21:09:14.3750000Z"/><EventRecordID>3092580</EventRecordID>` +
  `<Execution ProcessID="3392" ThreadID="5552"/><Channel>${SYSMON}</Channel><Computer>WORKSTATION6.theshire.local</Computer>` +
  `<Security UserID="S-1-5-18"/></System><EventData>` +
  Object.entries(data).map(([k, v]) => `<Data Name="${k}">${v.replace(/&/g, "&amp;").replace(/"/g, "&quot;")}</Data>`).join("") +
  `</EventData></Event>`;

function ok(input: unknown): NormalizedEvent {
  const r = normalizeEvent(input);
  if (!r.ok) throw new Error(r.reason);
  return r.event;
}

const formats = {
  "NXLog JSON": nxlog,
  "raw Winlogbeat": winlogbeat,
  "Windows event XML (text)": xml,
  "Windows event XML (parsed by the file reader)": (id: number, d: Record<string, string>) => parseWindowsEventXml(xml(id, d))[0],
};

describe.each(Object.entries(formats))("%s", (_name, make) => {
  it("maps Sysmon event 1 to a process start with the fields the rules read", () => {
    const e = ok(make(1, processData));
    const c = e.columns;
    expect(c.ts).toBe("2020-09-20T21:09:11.252Z");
    expect(c.osType).toBe("windows");
    expect(c.category).toEqual(["process"]);
    expect(c.type).toEqual(["start"]);
    expect(c.action).toBe("Process creation");
    expect(c.dataset).toBe("windows.sysmon_operational");
    expect(c.hostName).toBe("WORKSTATION6.theshire.local");
    expect(c.hostId).toBe("workstation6.theshire.local");
    expect(c.pid).toBe(10116);
    expect(c.ppid).toBe(9036);
    expect(c.entityId).toBe("{d273d0f0-c4f7-5f67-a707-000000000800}");
    expect(c.processName).toBe("powershell.exe");
    expect(c.executable).toBe("C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe");
    expect(c.parentName).toBe("wsmprovhost.exe");
    expect(c.userName).toBe("pgustavo");
    expect(e.doc).toMatchObject({
      event: { code: "1", kind: "event" },
      user: { domain: "THESHIRE" },
      host: { os: { family: "windows" } },
      process: { args: ["C:\\windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe", "-noP", "-sta", "-w", "1", "-enc", "SQBm"], args_count: 7 },
      winlog: { channel: SYSMON, event_data: { ParentImage: "C:\\Windows\\System32\\wsmprovhost.exe" } },
    });
    expect((e.doc.winlog as { event_data: object }).event_data).not.toHaveProperty("RuleName");
    expect(e.doc).not.toHaveProperty("rule");
  });

  it("maps Sysmon event 3 to an inbound WinRM connection from the System process", () => {
    const e = ok(make(3, networkData));
    const c = e.columns;
    expect(c.ts).toBe("2020-09-20T21:09:08.008Z");
    expect(c.osType).toBe("windows");
    expect(c.category).toEqual(["network"]);
    expect(c.type).toEqual(expect.arrayContaining(["connection", "start"]));
    expect(c.direction).toBe("ingress");
    expect(c.transport).toBe("tcp");
    expect(c.sourceIp).toBe("172.18.39.5");
    expect(c.sourcePort).toBe(59770);
    expect(c.destinationPort).toBe(5985);
    expect(c.pid).toBe(4);
    expect(c.protocol).toBe("http");
    expect(e.enrichments.map((x) => x.field)).toEqual(expect.arrayContaining(["process.pid", "network.protocol", "host.id"]));
    expect(e.doc).not.toHaveProperty(["source", "domain"]);
  });

  it("takes the host from the event, never from the shipper", () => {
    const e = ok(make(3, networkData));
    expect(e.columns.hostName).toBe("WORKSTATION6.theshire.local");
    expect(JSON.stringify(e.doc.host)).not.toContain("wec.internal");
  });
});

describe("raw specifics", () => {
  it("keeps the collector's @timestamp as event.created and the collector as observer", () => {
    const e = ok(nxlog(1, processData));
    expect(e.doc.event).toMatchObject({ created: "2020-09-20T21:09:14.375Z" });
    expect(e.doc.observer).toEqual({ hostname: "wec.internal.cloudapp.net" });
  });

  it("takes network.protocol from the port name when Sysmon knows it", () => {
    const e = ok(nxlog(3, { ...networkData, DestinationPort: "80", DestinationPortName: "http", Initiated: "true" }));
    expect(e.columns.protocol).toBe("http");
    expect(e.columns.direction).toBe("egress");
    expect(e.enrichments.map((x) => x.field)).not.toContain("network.protocol");
  });

  it("falls back to the record's @timestamp, recorded, when the event has no time of its own", () => {
    const e = ok({ EventID: 800, Channel: "Windows PowerShell", Hostname: "WORKSTATION6", "@timestamp": "2020-09-20T21:08:28.399Z" });
    expect(e.doc["@timestamp"]).toBe("2020-09-20T21:08:28.399Z");
    expect(e.enrichments[0]).toMatchObject({ field: "@timestamp" });
    expect(e.columns.dataset).toBe("windows.powershell");
    expect(e.doc.event).toMatchObject({ code: "800" });
  });

  it("maps Security 4688 and 5156", () => {
    const proc = ok({
      EventID: 4688, Channel: "security", Hostname: "W6", "@timestamp": "2020-09-20T21:09:12.968Z",
      NewProcessId: "0x278c", NewProcessName: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe",
      ProcessId: "0x234c", ParentProcessName: "C:\\Windows\\System32\\wsmprovhost.exe",
      TargetUserName: "pgustavo", TargetDomainName: "THESHIRE", SubjectUserName: "W6$",
    });
    expect(proc.columns).toMatchObject({ type: ["start"], pid: 10124, ppid: 9036, parentName: "wsmprovhost.exe", userName: "pgustavo", dataset: "system.security" });
    const net = ok({
      EventID: 5156, Channel: "Security", Hostname: "W6", "@timestamp": "2020-09-20T21:09:09.800Z",
      Application: "System", ProcessId: "4", Direction: "%%14592", SourceAddress: "172.18.39.5", SourcePort: "59770",
      DestAddress: "172.18.39.6", DestPort: "5985", Protocol: "6",
    });
    expect(net.columns).toMatchObject({ pid: 4, direction: "ingress", transport: "tcp", destinationPort: 5985, protocol: "http", sourceIp: "172.18.39.5" });
  });

  it("rejects XML that is not well-formed or holds several events", () => {
    expect(normalizeEvent("<Event><System>")).toMatchObject({ ok: false, reason: expect.stringMatching(/^XML is not well-formed/) });
    const two = `<Events>${xml(1, processData)}${xml(3, networkData)}</Events>`;
    expect(normalizeEvent(two)).toEqual({ ok: false, reason: "XML input must hold exactly one <Event>, found 2" });
  });
});

describe("isRawWindowsEvent", () => {
  it("tells raw records from ECS documents", () => {
    expect(isRawWindowsEvent({ EventID: 1, Channel: SYSMON })).toBe(true);
    expect(isRawWindowsEvent({ winlog: { event_data: { Image: "x" } } })).toBe(true);
    expect(isRawWindowsEvent({ winlog: { event_data: {} }, process: { pid: 1 } })).toBe(false);
    expect(isRawWindowsEvent({ "@timestamp": 1, event: { category: "process" } })).toBe(false);
    expect(isRawWindowsEvent("<Event/>")).toBe(true);
  });
});

describe("idempotency key of raw Windows events", () => {
  it("event.id comes from the computer, channel and record number, the same on every import", () => {
    const record = {
      EventID: 1,
      Channel: "Microsoft-Windows-Sysmon/Operational",
      Hostname: "WORKSTATION6.theshire.local",
      RecordNumber: 4242,
      UtcTime: "2020-09-20 19:37:48.123",
      Image: "C:\\Windows\\System32\\whoami.exe",
    };
    const a = normalizeEvent(structuredClone(record));
    const b = normalizeEvent(structuredClone(record));
    if (!a.ok || !b.ok) throw new Error("rejected");
    expect(a.event.columns.eventId).toBe("workstation6.theshire.local/microsoft-windows-sysmon/operational/4242");
    expect(b.event.columns.eventId).toBe(a.event.columns.eventId);
    const other = normalizeEvent({ ...structuredClone(record), RecordNumber: 4243 });
    expect(other.ok && other.event.columns.eventId).not.toBe(a.event.columns.eventId);
  });
});
