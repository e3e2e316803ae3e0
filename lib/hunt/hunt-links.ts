/**
 * Links to the hunt page, prefilled ("hunt around this"): a query, a window and the host or address
 * filters as URL parameters the page reads. Pure: used by server pages and client components.
 */
export interface HuntLink {
  query?: string;
  from: Date | string;
  to: Date | string;
  hostId?: string | null;
  ip?: string | null;
}

export const HOUR_MS = 3600_000;
export const AROUND_QUERY = "any where true";

const iso = (d: Date | string) => (typeof d === "string" ? d : d.toISOString());

export function huntHref(l: HuntLink): string {
  const p = new URLSearchParams({ query: l.query ?? AROUND_QUERY, from: iso(l.from), to: iso(l.to) });
  if (l.hostId) p.set("hostId", l.hostId);
  if (l.ip) p.set("ip", l.ip);
  return `/hunt?${p.toString()}`;
}

/** Every event of the host from an hour before to an hour after [first, last]. */
export function huntAroundHost(hostId: string, first: Date | string, last: Date | string = first): string {
  return huntHref({ hostId, from: new Date(Date.parse(iso(first)) - HOUR_MS), to: new Date(Date.parse(iso(last)) + HOUR_MS) });
}

/** Every event of any host with this source or destination address, a day either side of [first, last]. */
export function huntAroundAddress(ip: string, first: Date | string, last: Date | string = first): string {
  return huntHref({ ip, from: new Date(Date.parse(iso(first)) - 24 * HOUR_MS), to: new Date(Date.parse(iso(last)) + 24 * HOUR_MS) });
}
