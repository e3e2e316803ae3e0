import type { AddressOwnerJson } from "./types";

/**
 * Who held an address (pure). The store keeps, per address, host and hour, the first and last
 * time the host's own events carried the address (host.ip, the local end of a connection). The
 * owners of an address around an instant t are the hosts with an observation within
 * ± OWNERSHIP_WINDOW_HOURS of t; the one behind a connection at t is the owner whose observations
 * come nearest to t (0 when t lies between its first and last), ties to the most recently seen,
 * then the smallest host id: the same observations always give the same answer.
 */
export interface Observation {
  ip: string;
  hostId: string;
  hostName: string | null;
  firstSeen: number;
  lastSeen: number;
}

/** Every host that held `ip` in [from, to], one entry per host (its first and last there), earliest first. */
export function ownersInWindow(observations: Observation[], ip: string, from: number, to: number): AddressOwnerJson[] {
  const byHost = new Map<string, { hostName: string | null; first: number; last: number; nameAt: number }>();
  for (const o of observations) {
    if (o.ip !== ip || o.lastSeen < from || o.firstSeen > to) continue;
    const h = byHost.get(o.hostId);
    if (!h) byHost.set(o.hostId, { hostName: o.hostName, first: o.firstSeen, last: o.lastSeen, nameAt: o.lastSeen });
    else {
      h.first = Math.min(h.first, o.firstSeen);
      h.last = Math.max(h.last, o.lastSeen);
      if (o.lastSeen >= h.nameAt && o.hostName) {
        h.hostName = o.hostName;
        h.nameAt = o.lastSeen;
      }
    }
  }
  return [...byHost.entries()]
    .map(([hostId, h]) => ({ hostId, hostName: h.hostName, firstSeen: new Date(h.first).toISOString(), lastSeen: new Date(h.last).toISOString() }))
    .sort((a, b) => a.firstSeen.localeCompare(b.firstSeen) || a.hostId.localeCompare(b.hostId));
}

/** The owners of `ip` within ± windowMs of `at`. */
export function ownersAround(observations: Observation[], ip: string, at: number, windowMs: number): AddressOwnerJson[] {
  return ownersInWindow(observations, ip, at - windowMs, at + windowMs);
}

/** The owner behind a connection at `at`: nearest observations first (see above); null when none. */
export function ownerAt(owners: AddressOwnerJson[], at: number): AddressOwnerJson | null {
  let best: AddressOwnerJson | null = null;
  let bestDistance = Infinity;
  for (const o of owners) {
    const first = Date.parse(o.firstSeen);
    const last = Date.parse(o.lastSeen);
    const distance = at < first ? first - at : at > last ? at - last : 0;
    if (
      !best ||
      distance < bestDistance ||
      (distance === bestDistance && (o.lastSeen > best.lastSeen || (o.lastSeen === best.lastSeen && o.hostId < best.hostId)))
    ) {
      best = o;
      bestDistance = distance;
    }
  }
  return best;
}
