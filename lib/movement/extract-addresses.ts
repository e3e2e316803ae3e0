import ipaddr from "ipaddr.js";

/**
 * Which addresses an event says its own host held (pure): every `host.ip`, and the local end of a
 * connection — the destination of an inbound one (Sysmon 3 with Initiated=false, Security 5156
 * inbound), the source of an outbound one. Loopback, unspecified, link-local, multicast and
 * broadcast addresses identify no host and are skipped; IPv4-mapped IPv6 reads as IPv4.
 * An inbound connection to 5985/5986 from another address is also a WinRM hop to this host.
 */
export interface AddressEvent {
  hostIp: unknown;
  direction: string | null;
  sourceIp: string | null;
  destinationIp: string | null;
  destinationPort: number | null;
  network: boolean;
}

const INBOUND = new Set(["ingress", "inbound", "incoming"]);
/** `network.direction` values of the connection's client end (also the source-IP timeline's SQL). */
export const OUTBOUND = new Set(["egress", "outbound", "outgoing"]);
const NO_HOST = new Set(["loopback", "unspecified", "linkLocal", "multicast", "broadcast"]);

// Hosts repeat the same few addresses: parse each text once (bounded).
const parsedCache = new Map<string, string | null>();

/** The canonical text of a host's address, or null when it is not one or identifies no host. */
export function hostAddress(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const cached = parsedCache.get(value);
  if (cached !== undefined) return cached;
  const out = parseHostAddress(value);
  if (parsedCache.size >= 50_000) parsedCache.clear();
  parsedCache.set(value, out);
  return out;
}

function parseHostAddress(value: string): string | null {
  const v = value.trim();
  if (!v || v.length > 64 || !ipaddr.isValid(v)) return null;
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.process(v.includes("%") ? v.slice(0, v.indexOf("%")) : v);
  } catch {
    return null;
  }
  if (NO_HOST.has(parsed.range())) return null;
  return parsed.toString();
}

export function ownAddresses(e: AddressEvent): string[] {
  const out = new Set<string>();
  const list = Array.isArray(e.hostIp) ? e.hostIp : [e.hostIp];
  for (const v of list.slice(0, 32)) {
    const a = hostAddress(v);
    if (a) out.add(a);
  }
  const dir = e.direction?.toLowerCase();
  if (dir && INBOUND.has(dir)) {
    const a = hostAddress(e.destinationIp);
    if (a) out.add(a);
  } else if (dir && OUTBOUND.has(dir)) {
    const a = hostAddress(e.sourceIp);
    if (a) out.add(a);
  }
  return [...out];
}

/** The source address of an inbound WinRM connection to this host, or null. */
export function winrmHopSource(e: AddressEvent, own: string[]): string | null {
  if (!e.network || (e.destinationPort !== 5985 && e.destinationPort !== 5986)) return null;
  const dir = e.direction?.toLowerCase();
  if (dir && OUTBOUND.has(dir)) return null;
  const src = hostAddress(e.sourceIp);
  if (!src || own.includes(src)) return null;
  return src;
}
