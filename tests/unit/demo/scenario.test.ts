import { describe, expect, test } from "vitest";
import { generateScenario, XSS_COMMAND_LINE, type EcsDoc } from "@/lib/demo";
import { normalizeEvent } from "@/lib/ecs/normalize";
import { compileQuery, evaluate } from "@/lib/eql";
import { loadRulePack } from "@/lib/rules";

const END = Date.parse("2026-11-20T15:37:12Z");
const rules = loadRulePack().rules;
const ps = rules.find((r) => r.name === "Incoming Execution via PowerShell Remoting")!;
const winrs = rules.find((r) => r.name === "Incoming Execution via WinRM Remote Shell")!;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- generated documents of a known shape
type Doc = Record<string, any>;
const hostOf = (d: Doc) => d.host.name as string;

function alertsOf(docs: EcsDoc[]) {
  const run = (rule: typeof ps) =>
    evaluate(compileQuery(rule.query), docs).map((m) => {
      const [net, proc] = m.events as Doc[];
      return { host: hostOf(net!), sourceIp: net!.source.ip as string, commandLine: proc!.process.command_line as string, parent: proc!.process.parent.name as string };
    });
  return { ps: run(ps), winrs: run(winrs) };
}

test("both seed rules are in the rule pack", () => {
  expect(ps).toBeDefined();
  expect(winrs).toBeDefined();
});

test("deterministic for a seed; event ids do not depend on the clock", () => {
  const a = generateScenario({ seed: 7, end: END });
  const b = generateScenario({ seed: 7, end: END });
  expect(b.docs).toEqual(a.docs);
  const ids = (docs: EcsDoc[]) => docs.map((d) => (d as Doc).event.id as string).sort();
  const later = generateScenario({ seed: 7, end: END + 26 * 3600_000 + 12_345 });
  expect(ids(later.docs)).toEqual(ids(a.docs));
  expect(new Set(ids(a.docs)).size).toBe(a.docs.length);
  const other = generateScenario({ seed: 8, end: END });
  expect(ids(other.docs)).not.toEqual(ids(a.docs));
});

test("a few thousand events in time order, none after the end, every one normalizes", () => {
  const s = generateScenario({ end: END });
  expect(s.docs.length).toBeGreaterThan(3000);
  expect(s.hosts.length).toBeGreaterThanOrEqual(40);
  let last = -Infinity;
  for (const d of s.docs as Doc[]) {
    const t = Date.parse(d["@timestamp"]);
    expect(t).toBeGreaterThanOrEqual(last);
    expect(t).toBeLessThanOrEqual(END);
    last = t;
    const r = normalizeEvent(d);
    if (!r.ok) throw new Error(`${d.event.id}: ${r.reason}`);
    expect(d.host.os.type).toBe("windows");
  }
  // Every part of the scenario has events; process starts have the Elastic Defend fields.
  for (const p of s.parts) expect(p.events).toBeGreaterThan(0);
  const start = (s.docs as Doc[]).find((d) => d.event.category[0] === "process" && d.agent.type === "endpoint")!;
  expect(start.process).toMatchObject({ entity_id: expect.any(String), pid: expect.any(Number), executable: expect.any(String), command_line: expect.any(String) });
  expect(start.process.parent).toMatchObject({ entity_id: expect.any(String), pid: expect.any(Number) });
});

test("one host's process events have pid/ppid but no entity ids", () => {
  const s = generateScenario({ end: END });
  const legacy = (s.docs as Doc[]).filter((d) => hostOf(d) === "SRV-PRINT-01" && d.event.category[0] === "process");
  expect(legacy.length).toBeGreaterThan(5);
  for (const d of legacy) {
    expect(d.process.entity_id).toBeUndefined();
    expect(d.process.parent.entity_id).toBeUndefined();
    expect(d.process.parent.pid).toEqual(expect.any(Number));
  }
});

// Several clocks: late at night, just before and after the end of business hours, a round 10 minutes.
describe.each([END, Date.parse("2026-11-21T02:05:00Z"), Date.parse("2026-11-21T17:59:59Z"), Date.parse("2026-11-23T18:00:00Z"), Date.parse("2026-11-24T09:40:00Z")])(
  "rules over the scenario ending %d",
  (end) => {
    const s = generateScenario({ end });
    const alerts = alertsOf(s.docs);
    const hosts = (list: { host: string }[]) => [...new Set(list.map((a) => a.host))].sort();

    test("PowerShell remoting: the intruder's first hop and the jump host's targets", () => {
      expect(hosts(alerts.ps)).toEqual(["SRV-FILE-01", ...s.expected.adminTargets].sort());
      expect(alerts.ps).toHaveLength(33);
      const fromIntruder = alerts.ps.filter((a) => a.sourceIp === "10.13.37.5");
      expect(hosts(fromIntruder)).toEqual(["SRV-FILE-01"]);
      expect(fromIntruder.map((a) => a.commandLine)).toEqual(
        expect.arrayContaining([expect.stringContaining("whoami"), 'net group "domain admins" /domain', XSS_COMMAND_LINE, expect.stringContaining(" -enc ")]),
      );
      for (const a of alerts.ps.filter((x) => x.sourceIp !== "10.13.37.5")) expect(a.sourceIp).toBe("10.20.0.10");
    });

    test("WinRM remote shell: SRV-SQL-02 and DC-01 from SRV-FILE-01, and the two WinRS probe hosts", () => {
      expect(hosts(alerts.winrs)).toEqual(["DC-01", "SRV-SQL-02", ...s.expected.winrsProbeHosts].sort());
      expect(alerts.winrs).toHaveLength(28);
      for (const a of alerts.winrs) {
        if (a.sourceIp === "10.20.0.50") {
          expect(s.expected.winrsProbeHosts).toContain(a.host);
          expect(a.commandLine).toBe("cmd.exe /c echo ok");
        } else {
          expect(a.sourceIp).toBe("10.20.1.21");
          expect(["SRV-SQL-02", "DC-01"]).toContain(a.host);
        }
      }
      expect(alerts.winrs.map((a) => a.commandLine)).toEqual(expect.arrayContaining([expect.stringContaining("reg save HKLM\\SAM"), expect.stringContaining("ntdsutil")]));
    });

    test("nothing on the near misses nor for monitoring-only connections", () => {
      const all = [...alerts.ps, ...alerts.winrs];
      for (const h of [...s.expected.nearMissHosts, ...s.expected.monitoredOnlyHosts]) expect(all.filter((a) => a.host === h)).toEqual([]);
      expect(s.expected.monitoredOnlyHosts.length).toBeGreaterThan(0);
      const probeAlerts = all.filter((a) => a.sourceIp === "10.20.0.50");
      expect(probeAlerts.every((a) => a.commandLine === "cmd.exe /c echo ok")).toBe(true);
      // The near misses are in the data: a connection then a late child, a connection then conhost.exe.
      const nearMissStarts = (s.docs as Doc[]).filter((d) => s.expected.nearMissHosts.includes(hostOf(d)) && d.process?.parent?.name === "wsmprovhost.exe");
      expect(nearMissStarts.map((d) => d.process.name).sort()).toEqual(["conhost.exe", "whoami.exe"]);
    });
  },
);
