import { describe, expect, test } from "vitest";
import { compileAllowlist, matchAlert } from "@/lib/allowlist/compile-allowlist";
import type { AllowlistCondition, AllowlistEntryLike } from "@/lib/allowlist/types";

const PS = "2772264c-6fb9-4d9d-9014-b416eed21254";
const WINRS = "1cd01db9-be24-4bef-8e7c-e923f0ff78ab";
const NOW = new Date("2026-03-01T12:00:00Z");

const networkDoc = {
  "@timestamp": "2026-03-01T11:00:00Z",
  event: { category: ["network"], type: ["start"] },
  host: { id: "h-1", name: "WS-FIN-01", ip: ["10.0.5.20", "fe80::1"] },
  source: { ip: "10.1.2.3", port: 50123 },
  destination: { ip: "10.0.5.20", port: 5985 },
  network: { direction: "incoming" },
};
const processDoc = {
  "@timestamp": "2026-03-01T11:00:05Z",
  event: { category: ["process"], type: ["start"] },
  host: { id: "h-1", name: "WS-FIN-01" },
  user: { name: "svc_Deploy" },
  process: {
    name: "whoami.exe",
    executable: "C:\\Windows\\System32\\whoami.exe",
    command_line: "whoami.exe /all",
    parent: { name: "wsmprovhost.exe" },
    pid: 4242,
  },
};

function entry(conditions: AllowlistCondition[], extra: Partial<AllowlistEntryLike> = {}): AllowlistEntryLike {
  return { id: "e1", ruleId: null, conditions, caseInsensitive: true, enabled: true, expiresAt: null, ...extra };
}
const one = (c: AllowlistCondition, doc: object, extra: Partial<AllowlistEntryLike> = {}) =>
  compileAllowlist([entry([c], extra)], NOW).match(PS, doc) === "e1";

describe("operators", () => {
  test("is / is_not on a keyword field", () => {
    expect(one({ field: "process.name", operator: "is", values: ["whoami.exe"] }, processDoc)).toBe(true);
    expect(one({ field: "process.name", operator: "is", values: ["cmd.exe"] }, processDoc)).toBe(false);
    expect(one({ field: "process.name", operator: "is_not", values: ["cmd.exe"] }, processDoc)).toBe(true);
    expect(one({ field: "process.name", operator: "is_not", values: ["whoami.exe"] }, processDoc)).toBe(false);
    // A missing field is "not" anything, as Elastic's must_not.
    expect(one({ field: "process.name", operator: "is_not", values: ["whoami.exe"] }, networkDoc)).toBe(true);
    expect(one({ field: "process.name", operator: "is", values: ["whoami.exe"] }, networkDoc)).toBe(false);
  });

  test("is_one_of", () => {
    expect(one({ field: "process.parent.name", operator: "is_one_of", values: ["winrshost.exe", "wsmprovhost.exe"] }, processDoc)).toBe(true);
    expect(one({ field: "process.parent.name", operator: "is_one_of", values: ["winrshost.exe", "explorer.exe"] }, processDoc)).toBe(false);
  });

  test("matches with * and ? wildcards", () => {
    const m = (p: string) => one({ field: "process.executable", operator: "matches", values: [p] }, processDoc);
    expect(m("?:\\Windows\\System32\\*.exe")).toBe(true);
    expect(m("C:\\Windows\\*\\whoami.exe")).toBe(true);
    expect(m("C:\\Windows\\System32\\who?mi.exe")).toBe(true);
    expect(m("C:\\Windows\\System32\\who?.exe")).toBe(false);
    expect(m("D:\\*")).toBe(false);
    expect(one({ field: "process.command_line", operator: "matches", values: ["cmd*", "whoami*"] }, processDoc)).toBe(true);
  });

  test("exists / not_exists", () => {
    expect(one({ field: "user.name", operator: "exists", values: [] }, processDoc)).toBe(true);
    expect(one({ field: "user.name", operator: "exists", values: [] }, networkDoc)).toBe(false);
    expect(one({ field: "user.name", operator: "not_exists", values: [] }, networkDoc)).toBe(true);
    expect(one({ field: "user.name", operator: "not_exists", values: [] }, processDoc)).toBe(false);
  });

  test("numbers compare as numbers, whatever their JSON type", () => {
    expect(one({ field: "destination.port", operator: "is", values: [5985] }, networkDoc)).toBe(true);
    expect(one({ field: "destination.port", operator: "is", values: ["5985"] }, networkDoc)).toBe(true);
    expect(one({ field: "destination.port", operator: "is", values: ["5985"] }, { destination: { port: "5985" } })).toBe(true);
    expect(one({ field: "destination.port", operator: "is_one_of", values: [5986, 443] }, networkDoc)).toBe(false);
  });

  test("is on an IP field compares addresses, not spellings", () => {
    expect(one({ field: "source.ip", operator: "is", values: ["10.1.2.3"] }, networkDoc)).toBe(true);
    expect(one({ field: "source.ip", operator: "is", values: ["::ffff:10.1.2.3"] }, networkDoc)).toBe(true);
    expect(one({ field: "source.ip", operator: "is", values: ["2001:db8::1"] }, { source: { ip: "2001:0db8:0:0:0:0:0:1" } })).toBe(true);
    expect(one({ field: "source.ip", operator: "is", values: ["10.1.2.4"] }, networkDoc)).toBe(false);
  });
});

describe("cidr", () => {
  const c = (range: string, doc: object) => one({ field: "source.ip", operator: "cidr", values: [range] }, doc);
  test("IPv4", () => {
    expect(c("10.1.0.0/16", networkDoc)).toBe(true);
    expect(c("10.2.0.0/16", networkDoc)).toBe(false);
    expect(c("10.1.2.3/32", networkDoc)).toBe(true);
    expect(c("0.0.0.0/0", networkDoc)).toBe(true);
  });
  test("IPv6 and IPv4-mapped IPv6", () => {
    const v6 = { source: { ip: "2001:db8:abcd::42" } };
    expect(c("2001:db8::/32", v6)).toBe(true);
    expect(c("2001:db9::/32", v6)).toBe(false);
    expect(c("10.1.0.0/16", v6)).toBe(false);
    expect(c("10.1.0.0/16", { source: { ip: "::ffff:10.1.9.9" } })).toBe(true);
    expect(c("::ffff:10.1.0.0/112", networkDoc)).toBe(true);
  });
  test("any of several ranges, any of several values", () => {
    expect(one({ field: "host.ip", operator: "cidr", values: ["192.168.0.0/16", "fe80::/10"] }, networkDoc)).toBe(true);
  });
});

describe("case folding", () => {
  test("on by default: Windows names and paths match whatever their case", () => {
    expect(one({ field: "user.name", operator: "is", values: ["SVC_DEPLOY"] }, processDoc)).toBe(true);
    expect(one({ field: "process.parent.name", operator: "is_one_of", values: ["WSMPROVHOST.EXE"] }, processDoc)).toBe(true);
    expect(one({ field: "process.executable", operator: "matches", values: ["c:\\windows\\*"] }, processDoc)).toBe(true);
  });
  test("off: exact case", () => {
    const cs = { caseInsensitive: false };
    expect(one({ field: "user.name", operator: "is", values: ["SVC_DEPLOY"] }, processDoc, cs)).toBe(false);
    expect(one({ field: "user.name", operator: "is", values: ["svc_Deploy"] }, processDoc, cs)).toBe(true);
    expect(one({ field: "process.parent.name", operator: "is_one_of", values: ["WSMPROVHOST.EXE"] }, processDoc, cs)).toBe(false);
    expect(one({ field: "process.executable", operator: "matches", values: ["c:\\windows\\*"] }, processDoc, cs)).toBe(false);
    expect(one({ field: "user.name", operator: "is_not", values: ["SVC_DEPLOY"] }, processDoc, cs)).toBe(true);
  });
});

describe("entries", () => {
  test("all conditions must hold", () => {
    const conds: AllowlistCondition[] = [
      { field: "user.name", operator: "is", values: ["svc_deploy"] },
      { field: "process.name", operator: "is", values: ["whoami.exe"] },
    ];
    expect(compileAllowlist([entry(conds)], NOW).match(PS, processDoc)).toBe("e1");
    conds[1] = { field: "process.name", operator: "is", values: ["cmd.exe"] };
    expect(compileAllowlist([entry(conds)], NOW).match(PS, processDoc)).toBeNull();
  });

  test("expiry is checked against the given clock", () => {
    const e = entry([{ field: "source.ip", operator: "is", values: ["10.1.2.3"] }], { expiresAt: "2026-03-01T12:00:00Z" });
    expect(compileAllowlist([e], new Date("2026-03-01T11:59:59.999Z")).match(PS, networkDoc)).toBe("e1");
    expect(compileAllowlist([e], new Date("2026-03-01T12:00:00Z")).match(PS, networkDoc)).toBeNull();
    expect(compileAllowlist([{ ...e, expiresAt: new Date("2027-01-01T00:00:00Z") }], NOW).match(PS, networkDoc)).toBe("e1");
  });

  test("disabled and deleted entries do not apply", () => {
    const c: AllowlistCondition = { field: "source.ip", operator: "is", values: ["10.1.2.3"] };
    expect(compileAllowlist([entry([c], { enabled: false })], NOW).match(PS, networkDoc)).toBeNull();
    expect(compileAllowlist([entry([c], { deletedAt: new Date("2026-02-01T00:00:00Z") })], NOW).match(PS, networkDoc)).toBeNull();
    expect(compileAllowlist([entry([c], { enabled: false })], NOW).size).toBe(0);
  });

  test("rule scope: an entry of one rule leaves the other alone; null covers all rules", () => {
    const c: AllowlistCondition = { field: "source.ip", operator: "is", values: ["10.1.2.3"] };
    const al = compileAllowlist([entry([c], { id: "ps-only", ruleId: PS })], NOW);
    expect(al.match(PS, networkDoc)).toBe("ps-only");
    expect(al.match(WINRS, networkDoc)).toBeNull();
    const all = compileAllowlist([entry([c], { id: "any" })], NOW);
    expect(all.match(WINRS, networkDoc)).toBe("any");
  });

  test("the first matching entry, in the given order, is reported", () => {
    const c: AllowlistCondition = { field: "host.name", operator: "is", values: ["ws-fin-01"] };
    const al = compileAllowlist([entry([c], { id: "a", enabled: false }), entry([c], { id: "b" }), entry([c], { id: "c" })], NOW);
    expect(al.match(PS, processDoc)).toBe("b");
  });

  test("an entry whose condition cannot be evaluated is left out, not applied", () => {
    const al = compileAllowlist([entry([{ field: "source.ip", operator: "cidr", values: ["10.0.0.0/33"] }])], NOW);
    expect(al.size).toBe(0);
    expect(al.invalid[0].reason).toMatch(/not a CIDR range/);
  });
});

describe("field lookup", () => {
  test("flat dotted keys, partly flattened keys and nested objects", () => {
    const c: AllowlistCondition = { field: "process.parent.name", operator: "is", values: ["wsmprovhost.exe"] };
    expect(one(c, { "process.parent.name": "wsmprovhost.exe" })).toBe(true);
    expect(one(c, { "process.parent": { name: "wsmprovhost.exe" } })).toBe(true);
    expect(one(c, { process: { "parent.name": "wsmprovhost.exe" } })).toBe(true);
  });
  test("multi-valued fields match when any value does", () => {
    expect(one({ field: "event.type", operator: "is", values: ["start"] }, { event: { type: ["info", "start"] } })).toBe(true);
    expect(one({ field: "host.ip", operator: "is", values: ["fe80::1"] }, networkDoc)).toBe(true);
    expect(one({ field: "related.user", operator: "matches", values: ["svc_*"] }, { related: { user: ["alice", "svc_backup"] } })).toBe(true);
    expect(one({ field: "related.user", operator: "is_not", values: ["alice"] }, { related: { user: ["alice", "svc_backup"] } })).toBe(false);
  });
});

describe("alerts", () => {
  test("an alert matches when any stage event matches: source.ip closes via the network stage", () => {
    const al = compileAllowlist([entry([{ field: "source.ip", operator: "cidr", values: ["10.1.0.0/16"] }], { ruleId: PS })], NOW);
    const alert = { ruleId: PS, stages: [{ doc: networkDoc }, { doc: processDoc }] };
    expect(matchAlert(al, alert)).toBe("e1");
    expect(matchAlert(al, { ...alert, ruleId: WINRS })).toBeNull();
    expect(matchAlert(al, { ruleId: PS, stages: [{ doc: processDoc }] })).toBeNull();
  });
});

describe("candidates from an alert", async () => {
  const { candidatesFromAlert } = await import("@/lib/allowlist/candidates-from-alert");
  test("offers each event's own values, labelled by stage; the connection's source IP picked by default", () => {
    const c = candidatesFromAlert([
      { category: "network", doc: { ...networkDoc, user: { name: "SYSTEM" }, process: { executable: "System" } } },
      { category: "process", doc: processDoc },
    ]);
    const by = Object.fromEntries(c.map((x) => [x.key, x]));
    expect(by["0:source.ip"]).toMatchObject({ checked: true, stage: 0, stageLabel: "Connection (network event)", condition: { operator: "is", values: ["10.1.2.3"] } });
    // The connection's SYSTEM user and System executable are the connection's, never the child's.
    expect(by["0:user.name"]).toMatchObject({ checked: false, stage: 0, condition: { values: ["SYSTEM"] } });
    expect(by["0:process.executable"]).toMatchObject({ stage: 0, condition: { values: ["System"] } });
    expect(by["1:user.name"]).toMatchObject({ checked: false, stage: 1, stageLabel: "Child process (process event)", condition: { values: ["svc_Deploy"] } });
    expect(by["1:process.parent.name"].condition.values).toEqual(["wsmprovhost.exe"]);
    expect(by["1:process.command_line"].stage).toBe(1);
    expect(c.filter((x) => x.checked)).toHaveLength(1);
    // host.name: the same on both events, offered once for every event
    expect(by["all:host.name"]).toMatchObject({ stage: null, stageLabel: "Every event" });
    expect(c.filter((x) => x.condition.field === "host.name")).toHaveLength(1);
  });

  test("a value only one event holds is that event's; nothing from an event without it", () => {
    const c = candidatesFromAlert([{ category: "network", doc: { source: { ip: "10.9.9.9" } } }, { category: "process", doc: { user: { name: "bob" } } }, { category: "process", doc: null }]);
    expect(c.map((x) => x.key)).toEqual(["0:source.ip", "1:user.name"]);
  });
});
