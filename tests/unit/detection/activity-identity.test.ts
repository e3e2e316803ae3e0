import { describe, expect, test } from "vitest";
import type { AlertStage } from "@/lib/alerts/types";
import { activityIdentity, sameActivity } from "@/lib/detection/activity-identity";
import type { ActivityIdentity } from "@/lib/db/queries/detection-alerts";

/** One alert per activity: what identifies an activity, and when two sources saw the same one. */
const T = Date.parse("2026-11-20T10:00:04.200Z");

function identity(o: Partial<ActivityIdentity> = {}): ActivityIdentity {
  return {
    hostId: "wks-1", sourceIp: "10.13.37.5", sourcePort: 50123, processEntityId: null, processPid: 4242, parentPid: 3000,
    processExecutable: "c:\\windows\\system32\\whoami.exe", commandLineSha256: "c1", processStartedAt: new Date(T), collectorTime: false,
    ...o,
  };
}
const at = (ms: number) => new Date(T + ms);

describe("sameActivity", () => {
  test("the same pid started 0.9 s apart on the same connection is one activity; 1.1 s apart is not", () => {
    expect(sameActivity(identity(), identity({ processStartedAt: at(900) }))).toBe(true);
    expect(sameActivity(identity(), identity({ processStartedAt: at(-1000) }))).toBe(true);
    expect(sameActivity(identity(), identity({ processStartedAt: at(1100) }))).toBe(false);
  });

  test("another host, source address or source port is another activity, whatever the process", () => {
    expect(sameActivity(identity(), identity({ hostId: "wks-2" }))).toBe(false);
    expect(sameActivity(identity(), identity({ sourceIp: "10.13.37.6" }))).toBe(false);
    expect(sameActivity(identity(), identity({ sourcePort: 50124 }))).toBe(false);
  });

  test("two children of one connection (different pids) are two activities", () => {
    expect(sameActivity(identity(), identity({ processPid: 4243 }))).toBe(false);
  });

  test("the same entity id is one activity at any distance in time; different entity ids fall back to the pid", () => {
    expect(sameActivity(identity({ processEntityId: "{e1}", processStartedAt: at(20_000) }), identity({ processEntityId: "{e1}" }))).toBe(true);
    // Elastic Defend and Sysmon name one process differently: the pid and start time decide.
    expect(sameActivity(identity({ processEntityId: "defend-abc" }), identity({ processEntityId: "{sysmon-guid}", processStartedAt: at(300) }))).toBe(true);
    expect(sameActivity(identity({ processEntityId: "defend-abc" }), identity({ processEntityId: "{sysmon-guid}", processPid: 1 }))).toBe(false);
  });

  test("a source without the pid: the same parent pid, executable and command line within a second", () => {
    const noPid = identity({ processPid: null, processEntityId: "{g}" });
    expect(sameActivity(noPid, identity({ processStartedAt: at(500) }))).toBe(true);
    expect(sameActivity(noPid, identity({ parentPid: 3001 }))).toBe(false);
    expect(sameActivity(noPid, identity({ processExecutable: "c:\\windows\\system32\\cmd.exe" }))).toBe(false);
    expect(sameActivity(noPid, identity({ commandLineSha256: "c2" }))).toBe(false);
    expect(sameActivity(noPid, identity({ processStartedAt: at(1500) }))).toBe(false);
    expect(sameActivity(noPid, identity({ parentPid: null }))).toBe(false);
  });

  test("a source whose time is its collector's gets 5 s instead of 1 s", () => {
    expect(sameActivity(identity(), identity({ processStartedAt: at(1716), collectorTime: true }))).toBe(true);
    expect(sameActivity(identity(), identity({ processStartedAt: at(5001), collectorTime: true }))).toBe(false);
  });
});

function stage(i: number, category: string, fields: AlertStage["fields"], enrichments: AlertStage["enrichments"] = []): AlertStage {
  return { stage: i, category, event: { id: i + 1, eventId: null, timestamp: new Date(T + i * 1000).toISOString(), category: [category] }, fields, enrichments, doc: {} };
}

describe("activityIdentity", () => {
  test("the connection's source address and port and the last process stage's process", () => {
    const id = activityIdentity("wks-1", [
      stage(0, "network", { sourceIp: "::ffff:10.13.37.5", sourcePort: 50123, processPid: 4 }),
      stage(1, "process", { processPid: 4242, parentPid: 3000, processExecutable: "C:\\Windows\\System32\\WHOAMI.exe", commandLine: "whoami /all" }),
    ]);
    expect(id).toMatchObject({ hostId: "wks-1", sourceIp: "10.13.37.5", sourcePort: 50123, processPid: 4242, parentPid: 3000, processExecutable: "c:\\windows\\system32\\whoami.exe" });
    expect(id!.processStartedAt.toISOString()).toBe(new Date(T + 1000).toISOString());
  });

  test("no identity (never merged) without a source port, a valid address or a child process", () => {
    expect(activityIdentity("wks-1", [stage(0, "network", { sourceIp: "10.0.0.1" }), stage(1, "process", { processPid: 1 })])).toBeNull();
    expect(activityIdentity("wks-1", [stage(0, "network", { sourceIp: "not-an-ip", sourcePort: 1 }), stage(1, "process", { processPid: 1 })])).toBeNull();
    expect(activityIdentity("wks-1", [stage(0, "network", { sourceIp: "10.0.0.1", sourcePort: 1 }), stage(1, "process", { processName: "x.exe" })])).toBeNull();
    expect(activityIdentity("", [stage(0, "network", { sourceIp: "10.0.0.1", sourcePort: 1 }), stage(1, "process", { processPid: 1 })])).toBeNull();
  });

  test("a child whose time ingest took from the collector is marked", () => {
    const id = activityIdentity("wks-1", [
      stage(0, "network", { sourceIp: "10.0.0.1", sourcePort: 1 }),
      stage(1, "process", { processPid: 7 }, [{ field: "@timestamp", value: "x", reason: "collector's time" }]),
    ]);
    expect(id!.collectorTime).toBe(true);
  });
});
