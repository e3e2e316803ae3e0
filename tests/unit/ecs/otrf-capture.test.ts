import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { normalizeEvent } from "@/lib/ecs/normalize";
import type { NormalizedEvent } from "@/lib/ecs/types";
import { readEventFile } from "@/lib/ingest/read-event-files";
import { root } from "../../vitest.shared";

const ZIP = path.resolve(root, "../shared/datasets/otrf-empire-psremoting/empire_psremoting_stager.host.zip");

describe("real capture: OTRF Empire PSRemoting (NXLog export)", () => {
  const events: NormalizedEvent[] = [];
  const rejected: string[] = [];
  let readErrors = 0;

  beforeAll(async () => {
    for await (const item of readEventFile(ZIP)) {
      if (item.error) {
        readErrors++;
        continue;
      }
      const r = normalizeEvent(item.doc);
      if (r.ok) events.push(r.event);
      else rejected.push(r.reason);
    }
  });

  it("reads and normalizes all 2,744 records, none rejected", () => {
    expect(readErrors).toBe(0);
    expect(rejected).toEqual([]);
    expect(events).toHaveLength(2744);
    expect(events.every((e) => e.detectable && e.columns.osType === "windows")).toBe(true);
  });

  it("has WORKSTATION6's inbound 5985 connections from 172.18.39.5 by the System process, enriched to http", () => {
    const inbound = events.filter(
      (e) =>
        e.columns.dataset === "windows.sysmon_operational" &&
        e.columns.hostId === "workstation6.theshire.local" &&
        e.columns.direction === "ingress" &&
        e.columns.destinationPort === 5985,
    );
    expect(inbound.length).toBeGreaterThanOrEqual(3);
    for (const e of inbound) {
      expect(e.columns.sourceIp).toBe("172.18.39.5");
      expect(e.columns.pid).toBe(4);
      expect(e.columns.protocol).toBe("http");
      expect(e.enrichments).toContainEqual(expect.objectContaining({ field: "network.protocol", value: "http" }));
      expect(e.columns.category).toEqual(["network"]);
    }
  });

  it("has powershell.exe started by wsmprovhost.exe on WORKSTATION6, timed by UtcTime", () => {
    const starts = events.filter(
      (e) => e.columns.dataset === "windows.sysmon_operational" && e.columns.type.includes("start") && e.columns.parentName === "wsmprovhost.exe",
    );
    const ps = starts.find((e) => e.columns.processName === "powershell.exe");
    expect(ps).toBeDefined();
    expect(ps!.columns.hostId).toBe("workstation6.theshire.local");
    expect(ps!.columns.ts).toBe("2020-09-20T21:09:11.252Z");
    expect(ps!.doc.event).toMatchObject({ created: "2020-09-20T21:09:12.956Z" });
  });

  it("puts every event on 2020-09-20", () => {
    expect(events.every((e) => e.columns.ts.startsWith("2020-09-20"))).toBe(true);
  });

  it("maps only the event's own hosts, never the collector", () => {
    const hosts = new Set(events.map((e) => e.columns.hostId));
    expect(hosts).toEqual(new Set(["workstation5.theshire.local", "workstation6.theshire.local", "workstation6", "mordordc.theshire.local"]));
  });
});
