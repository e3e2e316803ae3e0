import ipaddr from "ipaddr.js";

/**
 * Which peers may set X-Forwarded-* (TRUST_PROXY: a comma-separated list of addresses and CIDR
 * blocks, e.g. `127.0.0.1,10.0.0.0/8`; empty: nobody), and the client address of a request.
 * Pure: scripts/server.ts applies it to every request before Next.js sees it.
 */
export type ProxyMatcher = (address: string) => boolean;

export function normalizeAddress(address: string): string | null {
  const bare = address.trim().replace(/^\[|\]$/g, "");
  if (!ipaddr.isValid(bare) || bare.includes("%")) return null;
  return ipaddr.process(bare).toString();
}

export function parseTrustProxy(value: string | undefined): ProxyMatcher {
  const ranges = (value ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((entry) => {
      const range = entry.includes("/") ? ipaddr.parseCIDR(entry) : ([ipaddr.process(entry), entry.includes(":") ? 128 : 32] as const);
      const [net, bits] = range;
      return { net: net.kind() === "ipv6" && (net as ipaddr.IPv6).isIPv4MappedAddress() ? (net as ipaddr.IPv6).toIPv4Address() : net, bits };
    });
  if (ranges.length === 0) return () => false;
  return (address) => {
    const normal = normalizeAddress(address);
    if (!normal) return false;
    const ip = ipaddr.parse(normal);
    return ranges.some(({ net, bits }) => ip.kind() === net.kind() && ip.match(net as never, bits));
  };
}

/** Throws a readable error for a bad TRUST_PROXY (lib/env.ts checks it at start). */
export function checkTrustProxy(value: string): true | string {
  for (const entry of value.split(",").map((s) => s.trim()).filter(Boolean)) {
    const ok = entry.includes("/") ? ipaddr.isValidCIDR(entry) : ipaddr.isValid(entry) && !entry.includes("%");
    if (!ok) return `TRUST_PROXY: "${entry}" is neither an address nor a CIDR block`;
  }
  return true;
}

/**
 * The client of a request from `peer`: the peer itself unless it is a trusted proxy; then the
 * X-Forwarded-For hops are read from the right (each proxy appends the address it saw), skipping
 * trusted proxies; the first other address is the client. Unparseable hops end the walk.
 */
export function clientAddress(peer: string, xForwardedFor: string | undefined, trusted: ProxyMatcher): string {
  const peerAddress = normalizeAddress(peer) ?? peer;
  if (!trusted(peerAddress) || !xForwardedFor) return peerAddress;
  const hops = xForwardedFor.split(",").map((h) => h.trim()).filter(Boolean);
  let client = peerAddress;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = normalizeAddress(hops[i]);
    if (!hop) break;
    client = hop;
    if (!trusted(hop)) break;
  }
  return client;
}

/** Headers a client can use to claim another address, host or scheme. */
export const FORWARDED_HEADERS = ["forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port", "x-real-ip"];
