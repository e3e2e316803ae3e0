import { describe, expect, test } from "vitest";
import { checkTrustProxy, clientAddress, parseTrustProxy } from "@/lib/http/trust-proxy";

describe("TRUST_PROXY", () => {
  test("nobody is trusted by default: the peer is the client, whatever X-Forwarded-For says", () => {
    const none = parseTrustProxy(undefined);
    expect(clientAddress("203.0.113.9", "10.0.0.1", none)).toBe("203.0.113.9");
    expect(clientAddress("::ffff:127.0.0.1", "1.2.3.4", parseTrustProxy(""))).toBe("127.0.0.1");
  });

  test("a trusted proxy's last hop is the client", () => {
    const t = parseTrustProxy("127.0.0.1");
    expect(clientAddress("::ffff:127.0.0.1", "198.51.100.7", t)).toBe("198.51.100.7");
    // the client's own forged entries come first; the proxy appended the address it saw
    expect(clientAddress("127.0.0.1", "6.6.6.6, 198.51.100.7", t)).toBe("198.51.100.7");
  });

  test("chains of trusted proxies are skipped from the right; CIDR blocks and IPv6", () => {
    const t = parseTrustProxy("10.0.0.0/8, ::1");
    expect(clientAddress("::1", "6.6.6.6, 198.51.100.7, 10.1.2.3", t)).toBe("198.51.100.7");
    expect(clientAddress("10.9.9.9", "2001:db8::5", t)).toBe("2001:db8::5");
  });

  test("an untrusted peer inside the list does not count; garbage hops end the walk", () => {
    const t = parseTrustProxy("127.0.0.1");
    expect(clientAddress("192.0.2.1", "127.0.0.1", t)).toBe("192.0.2.1");
    expect(clientAddress("127.0.0.1", "198.51.100.7, not-an-ip", t)).toBe("127.0.0.1");
    expect(clientAddress("127.0.0.1", "fe80::1%eth0", t)).toBe("127.0.0.1");
  });

  test("bad settings are named", () => {
    expect(checkTrustProxy("127.0.0.1, 10.0.0.0/8, ::1")).toBe(true);
    expect(checkTrustProxy("proxy.example")).toMatch(/proxy\.example/);
    expect(checkTrustProxy("10.0.0.0/99")).toMatch(/10\.0\.0\.0\/99/);
  });
});
