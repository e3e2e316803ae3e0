import { describe, expect, test } from "vitest";
import { allowlistEntrySchema, createAllowlistSchema, updateAllowlistSchema } from "@/lib/validation/allowlist";

const base = { name: "Jump host", conditions: [{ field: "source.ip", operator: "is", values: ["10.1.2.3"] }] };

function messages(input: unknown): string {
  const r = allowlistEntrySchema.safeParse(input);
  if (r.success) return "";
  return r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
}
const withCondition = (c: object) => messages({ ...base, conditions: [c] });

describe("allowlist validation", () => {
  test("defaults: all rules, case-insensitive, enabled, no expiry", () => {
    const e = allowlistEntrySchema.parse(base);
    expect(e).toMatchObject({ ruleId: null, caseInsensitive: true, enabled: true, expiresAt: null, comment: "" });
    expect(createAllowlistSchema.parse(base).closeMatchingAlerts).toBe(false);
  });

  test("malformed CIDR, v4 and v6", () => {
    expect(withCondition({ field: "source.ip", operator: "cidr", values: ["10.0.0.0/33"] })).toMatch(/"10.0.0.0\/33" is not a valid CIDR range \(the prefix must be a number from 0 to 32\)/);
    expect(withCondition({ field: "source.ip", operator: "cidr", values: ["2001:db8::/129"] })).toMatch(/not a valid CIDR range \(the prefix must be a number from 0 to 128\)/);
    expect(withCondition({ field: "source.ip", operator: "cidr", values: ["10.0.300.0/24"] })).toMatch(/"10.0.300.0" is not an IPv4 or IPv6 address/);
    expect(withCondition({ field: "source.ip", operator: "cidr", values: ["2001:db8::/32", "fe80::/10"] })).toBe("");
    expect(withCondition({ field: "source.ip", operator: "cidr", values: ["::ffff:10.0.0.0/104"] })).toBe("");
  });

  test("cidr only on IP fields", () => {
    expect(withCondition({ field: "user.name", operator: "cidr", values: ["10.0.0.0/8"] })).toMatch(/cidr applies only to IP fields .*user.name is not an IP field/);
  });

  test("matches: not on IP or numeric fields; a pattern of only wildcards is refused", () => {
    expect(withCondition({ field: "source.ip", operator: "matches", values: ["10.*"] })).toMatch(/matches does not apply to the IP field source.ip; use cidr/);
    expect(withCondition({ field: "destination.port", operator: "matches", values: ["59*"] })).toMatch(/numeric field destination.port/);
    expect(withCondition({ field: "process.name", operator: "matches", values: ["*"] })).toMatch(/wildcard "\*" is malformed/);
    expect(withCondition({ field: "process.name", operator: "matches", values: ["*.exe"] })).toBe("");
  });

  test("numeric fields need numbers; IP fields need addresses", () => {
    expect(withCondition({ field: "destination.port", operator: "is", values: ["winrm"] })).toMatch(/destination.port is a numeric field: "winrm" is not a number/);
    expect(withCondition({ field: "destination.port", operator: "is_one_of", values: [5985, "5986"] })).toBe("");
    expect(withCondition({ field: "source.ip", operator: "is", values: ["10.1.2"] })).toMatch(/"10.1.2" is not an IP address/);
    expect(withCondition({ field: "source.ip", operator: "is", values: ["10.0.0.0/8"] })).toMatch(/use cidr for ranges/);
  });

  test("empty values", () => {
    expect(withCondition({ field: "user.name", operator: "is", values: [] })).toMatch(/add at least one value/);
    expect(withCondition({ field: "user.name", operator: "is_one_of", values: ["alice", " "] })).toMatch(/value 2 is empty/);
    expect(withCondition({ field: "user.name", operator: "is", values: ["a", "b"] })).toMatch(/is takes exactly one value; use is_one_of/);
    expect(withCondition({ field: "user.name", operator: "exists", values: ["x"] })).toMatch(/exists takes no values/);
    expect(messages({ ...base, conditions: [] })).toMatch(/add at least one condition/);
  });

  test("field names, operators, expiry", () => {
    expect(withCondition({ field: "source ip", operator: "is", values: ["x"] })).toMatch(/dotted ECS field name/);
    expect(withCondition({ field: "user.name", operator: "contains", values: ["x"] })).toMatch(/operator must be one of is, is_not/);
    expect(messages({ ...base, expiresAt: "tomorrow" })).toMatch(/expiresAt must be an ISO 8601 date-time/);
    expect(allowlistEntrySchema.parse({ ...base, expiresAt: "2026-06-30T00:00:00Z" }).expiresAt).toEqual(new Date("2026-06-30T00:00:00Z"));
    expect(messages({ ...base, name: "  " })).toMatch(/name is required/);
  });

  test("IPs and numbers are trimmed; text is kept as written", () => {
    const e = allowlistEntrySchema.parse({
      ...base,
      conditions: [
        { field: "source.ip", operator: "is", values: [" 10.1.2.3 "] },
        { field: "process.command_line", operator: "is", values: [" whoami "] },
      ],
    });
    expect(e.conditions[0].values).toEqual(["10.1.2.3"]);
    expect(e.conditions[1].values).toEqual([" whoami "]);
  });

  test("a patch may hold any subset but no unknown keys", () => {
    expect(updateAllowlistSchema.parse({ enabled: false })).toEqual({ enabled: false });
    expect(updateAllowlistSchema.safeParse({ colour: "red" }).success).toBe(false);
  });
});
