import { describe, expect, test } from "vitest";
import { addressScope, addressText } from "@/components/address/address-scope";

describe("address labels", () => {
  test.each([
    ["10.20.1.21", "internal"],
    ["192.168.1.5", "internal"],
    ["172.16.0.1", "internal"],
    ["127.0.0.1", "internal"],
    ["169.254.3.4", "internal"],
    ["100.64.0.1", "internal"],
    ["fe80::1", "internal"],
    ["fd00::5", "internal"],
    ["::ffff:10.0.0.1", "internal"],
    ["8.8.8.8", "external"],
    ["185.220.101.4", "external"],
    ["2a00:1450:4001::200e", "external"],
    ["::ffff:8.8.4.4", "external"],
    ["not-an-ip", "invalid"],
  ])("%s is %s", (ip, scope) => {
    expect(addressScope(ip)).toBe(scope);
  });

  test("an owned address reads with its host; two owners both; else external or unknown host", () => {
    expect(addressText("10.20.1.21", [{ id: "srv-file-01", name: "SRV-FILE-01" }])).toBe("10.20.1.21 · SRV-FILE-01");
    expect(addressText("10.20.1.21", [{ id: "a", name: "SRV-A" }, { id: "b", name: null }])).toBe("10.20.1.21 · SRV-A / b");
    expect(addressText("10.9.9.9", [])).toBe("10.9.9.9 · unknown host");
    expect(addressText("203.0.113.9", [])).toBe("203.0.113.9 · unknown host"); // documentation range: not routable
    expect(addressText("185.220.101.4", [])).toBe("185.220.101.4 · external");
  });
});
