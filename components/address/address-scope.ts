import ipaddr from "ipaddr.js";

/**
 * Where an address lives, for its label when no host of ours held it: "external" for a public
 * (globally routable) address, "internal" for private, loopback, link-local, CGNAT and the other
 * special ranges; "invalid" for anything that is not an address. IPv4-mapped IPv6 counts as IPv4.
 */
export type AddressScope = "external" | "internal" | "invalid";

export function addressScope(ip: string): AddressScope {
  const value = ip.trim();
  if (!ipaddr.isValid(value)) return "invalid";
  let parsed = ipaddr.parse(value);
  if (parsed.kind() === "ipv6" && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  return parsed.range() === "unicast" ? "external" : "internal";
}

/** One host that held an address (an alert's `sourceHost`, an owner of the source-IP activity). */
export interface AddressOwner {
  id: string;
  name: string | null;
}

/**
 * The words beside an address: its owners' names (all of them: two owners in the window are two),
 * else "external" for a public address, else "unknown host". Plain text for titles and exports.
 */
export function addressText(ip: string, owners: AddressOwner[]): string {
  if (owners.length > 0) return `${ip} · ${owners.map((o) => o.name ?? o.id).join(" / ")}`;
  return `${ip} · ${addressScope(ip) === "external" ? "external" : "unknown host"}`;
}
