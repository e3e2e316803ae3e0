import { describe, expect, test } from "vitest";
import { addressInfo, isPublicAddress } from "@/lib/movement/address-info";
import { ownAddresses, winrmHopSource } from "@/lib/movement/extract-addresses";
import { ownerAt, ownersAround, ownersInWindow, type Observation } from "@/lib/movement/ownership";

const H = 3_600_000;
const T = Date.parse("2026-12-01T12:00:00Z");
const obs = (hostId: string, ip: string, from: number, to: number, hostName: string | null = hostId.toUpperCase()): Observation => ({
  ip, hostId, hostName, firstSeen: from, lastSeen: to,
});

describe("who held an address", () => {
  test("one host holding the address around the time is its owner", () => {
    const o = [obs("file", "10.20.1.21", T - 5 * H, T + H)];
    const owners = ownersAround(o, "10.20.1.21", T, 6 * H);
    expect(owners).toEqual([{ hostId: "file", hostName: "FILE", firstSeen: new Date(T - 5 * H).toISOString(), lastSeen: new Date(T + H).toISOString() }]);
    expect(ownerAt(owners, T)?.hostId).toBe("file");
    expect(addressInfo("10.20.1.21", owners).kind).toBe("host");
  });

  test("ownership is time-bounded: an address that moved belongs to whoever held it then", () => {
    const o = [obs("wks-a", "10.13.37.50", T - 30 * H, T - 20 * H), obs("wks-b", "10.13.37.50", T - 2 * H, T + 5 * H)];
    expect(ownersAround(o, "10.13.37.50", T - 25 * H, 6 * H).map((x) => x.hostId)).toEqual(["wks-a"]);
    expect(ownersAround(o, "10.13.37.50", T, 6 * H).map((x) => x.hostId)).toEqual(["wks-b"]);
    // Far from both: nobody is known to have held it.
    expect(ownersAround(o, "10.13.37.50", T - 12 * H, 2 * H)).toEqual([]);
  });

  test("two owners in the window are both listed; the one behind a connection is the nearest", () => {
    const o = [obs("wks-a", "10.13.37.50", T - 4 * H, T - H), obs("wks-b", "10.13.37.50", T + 30 * 60_000, T + 4 * H)];
    const owners = ownersAround(o, "10.13.37.50", T, 6 * H);
    expect(owners.map((x) => x.hostId)).toEqual(["wks-a", "wks-b"]);
    expect(addressInfo("10.13.37.50", owners).kind).toBe("ambiguous");
    expect(ownerAt(owners, T)?.hostId).toBe("wks-b"); // 30 min away against 1 h
    expect(ownerAt(owners, T - 2 * H)?.hostId).toBe("wks-a"); // inside its span
  });

  test("a tie goes to the most recently seen, then to the smaller host id: the same data give the same owner", () => {
    const owners = ownersInWindow([obs("b", "10.0.0.9", T, T), obs("a", "10.0.0.9", T, T)], "10.0.0.9", T - H, T + H);
    expect(ownerAt(owners, T)?.hostId).toBe("a");
    expect(ownerAt([...owners].reverse(), T)?.hostId).toBe("a");
  });

  test("hourly rows of one host fold into one owner with its first and last seen and latest name", () => {
    const o = [obs("x", "10.0.0.1", T, T + 10, "old-name"), obs("x", "10.0.0.1", T + H, T + H + 10, "NEW-NAME")];
    expect(ownersInWindow(o, "10.0.0.1", T - H, T + 2 * H)).toEqual([
      { hostId: "x", hostName: "NEW-NAME", firstSeen: new Date(T).toISOString(), lastSeen: new Date(T + H + 10).toISOString() },
    ]);
  });

  test("without owners: a public address is external, a private one an unknown host", () => {
    expect(addressInfo("185.220.101.34", []).kind).toBe("external");
    expect(addressInfo("10.99.0.1", []).kind).toBe("unknown");
    expect(addressInfo("fd00::1", []).kind).toBe("unknown");
    expect(isPublicAddress("8.8.8.8")).toBe(true);
    expect(isPublicAddress("192.168.1.1")).toBe(false);
    expect(isPublicAddress("not-an-ip")).toBe(false);
  });
});

describe("which addresses an event says its host held", () => {
  const base = { hostIp: null, direction: null, sourceIp: null, destinationIp: null, destinationPort: null, network: false };

  test("host.ip (one or many), loopback and link-local skipped, IPv4-mapped read as IPv4", () => {
    expect(ownAddresses({ ...base, hostIp: ["10.20.1.21", "127.0.0.1", "fe80::1", "::ffff:10.20.1.22", "garbage"] })).toEqual(["10.20.1.21", "10.20.1.22"]);
    expect(ownAddresses({ ...base, hostIp: "10.20.1.21" })).toEqual(["10.20.1.21"]);
  });

  test("the local end of a connection: destination of an inbound one, source of an outbound one", () => {
    expect(ownAddresses({ ...base, direction: "ingress", sourceIp: "10.13.37.5", destinationIp: "10.20.1.21" })).toEqual(["10.20.1.21"]);
    expect(ownAddresses({ ...base, direction: "egress", sourceIp: "10.20.1.21", destinationIp: "185.220.101.34" })).toEqual(["10.20.1.21"]);
    expect(ownAddresses({ ...base, sourceIp: "10.20.1.21", destinationIp: "10.20.1.22" })).toEqual([]);
  });

  test("an inbound connection to 5985/5986 from another address is a WinRM hop; outbound or other ports are not", () => {
    const inbound = { ...base, network: true, direction: "ingress", sourceIp: "10.13.37.5", destinationIp: "10.20.1.21", destinationPort: 5985 };
    expect(winrmHopSource(inbound, ownAddresses(inbound))).toBe("10.13.37.5");
    expect(winrmHopSource({ ...inbound, destinationPort: 5986 }, [])).toBe("10.13.37.5");
    expect(winrmHopSource({ ...inbound, destinationPort: 445 }, [])).toBeNull();
    expect(winrmHopSource({ ...inbound, direction: "egress" }, [])).toBeNull();
    expect(winrmHopSource({ ...inbound, sourceIp: "127.0.0.1" }, [])).toBeNull();
    expect(winrmHopSource(inbound, ["10.13.37.5"])).toBeNull();
  });
});
