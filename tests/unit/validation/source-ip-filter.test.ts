import { describe, expect, test } from "vitest";
import { parseSourceIpFilter } from "@/lib/validation/alerts";

describe("the alerts list's source-IP filter", () => {
  test.each([
    ["10.13.37.5", "10.13.37.5"],
    [" 10.13.37.5 ", "10.13.37.5"],
    ["10.13.37.0/24", "10.13.37.0/24"],
    ["10.13.37.99/24", "10.13.37.0/24"],
    ["10.13.37", "10.13.37.0/24"],
    ["10.13.37.", "10.13.37.0/24"],
    ["10.13", "10.13.0.0/16"],
    ["10", "10.0.0.0/8"],
    ["0.0.0.0/0", "0.0.0.0/0"],
    ["fe80::1", "fe80::1"],
    ["fe80::1/64", "fe80::/64"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
  ])("%s → %s", (input, expected) => {
    expect(parseSourceIpFilter(input)).toEqual({ ok: true, value: expected });
  });

  test.each(["10.13.37.256", "256", "10.13.37.0/33", "10.13.37.0/", "10.13.37.0/x", "10..13", "host-1", "0x0a.1", "fe80::1/129", ""])("%s is refused with the accepted forms", (input) => {
    const r = parseSourceIpFilter(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain("a CIDR block (10.13.37.0/24) or a prefix (10.13.37)");
  });
});
