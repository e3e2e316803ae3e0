/** The hunt page's URL state: what a "hunt around this" link or a shared link prefills. */
export type HuntSearch = { query?: string | string[]; from?: string | string[]; to?: string | string[]; hostId?: string | string[]; ip?: string | string[]; saved?: string | string[] };

export interface HuntPrefill {
  query: string;
  from: string;
  to: string;
  hostId: string;
  ip: string;
  saved: string | null;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
const validDate = (v: string | undefined) => (v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined);

export const DEFAULT_QUERY = 'process where process.parent.name : ("wsmprovhost.exe", "winrshost.exe")';

export function parseHuntSearch(sp: HuntSearch, now = new Date()): HuntPrefill {
  const to = validDate(one(sp.to)) ?? now.toISOString();
  const from = validDate(one(sp.from)) ?? new Date(Date.parse(to) - 24 * 3600_000).toISOString();
  return { query: one(sp.query) ?? DEFAULT_QUERY, from, to, hostId: one(sp.hostId) ?? "", ip: one(sp.ip) ?? "", saved: one(sp.saved) ?? null };
}
