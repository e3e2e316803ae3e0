import ipaddr from "ipaddr.js";
import type { AddressInfoJson, AddressOwnerJson } from "./types";

/**
 * How an address reads (pure): its owners in the window decide host / ambiguous; with none, a
 * public (globally routable unicast) address is external and anything else an unknown host.
 */
export function isPublicAddress(ip: string): boolean {
  if (!ipaddr.isValid(ip)) return false;
  const parsed = ipaddr.process(ip);
  return parsed.range() === "unicast";
}

export function addressInfo(ip: string, owners: AddressOwnerJson[]): AddressInfoJson {
  const pub = isPublicAddress(ip);
  const kind = owners.length === 1 ? "host" : owners.length > 1 ? "ambiguous" : pub ? "external" : "unknown";
  return { ip, kind, public: pub, owners };
}
