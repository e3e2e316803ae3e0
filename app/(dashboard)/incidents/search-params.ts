import { INCIDENT_SORTS, type IncidentSort } from "@/lib/incidents/types";

/**
 * The incidents list keeps its state in the URL (a link reproduces the view): status tab, sort and
 * order, filters, page cursor. Unknown values fall back to the defaults.
 */
export type IncidentTab = "open" | "acknowledged" | "closed" | "all";
export const INCIDENT_TABS: IncidentTab[] = ["open", "acknowledged", "closed", "all"];
export const INCIDENT_FILTERS = ["q", "assignee", "hostId", "critical"] as const;
export type IncidentFilter = (typeof INCIDENT_FILTERS)[number];

export const SORT_LABELS: Record<IncidentSort, string> = {
  priority: "Priority",
  size: "Size (alerts)",
  lastActivity: "Last activity",
  createdAt: "Created",
};

export interface IncidentsUrlState {
  status: IncidentTab;
  sort: IncidentSort;
  order: "asc" | "desc";
  filters: Partial<Record<IncidentFilter, string>>;
  cursor: string | null;
}

const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => (v && (list as readonly string[]).includes(v) ? (v as T) : fallback);

export function parseIncidentsUrl(sp: URLSearchParams): IncidentsUrlState {
  const filters: IncidentsUrlState["filters"] = {};
  for (const k of INCIDENT_FILTERS) {
    const v = sp.get(k)?.trim();
    if (v) filters[k] = v;
  }
  return {
    status: oneOf(INCIDENT_TABS, sp.get("status"), "open"),
    sort: oneOf(INCIDENT_SORTS, sp.get("sort"), "priority"),
    order: sp.get("order") === "asc" ? "asc" : "desc",
    filters,
    cursor: sp.get("cursor"),
  };
}

/** The page's URL for a state (defaults left out). */
export function incidentsUrlQuery(s: IncidentsUrlState): string {
  const q = new URLSearchParams();
  if (s.status !== "open") q.set("status", s.status);
  if (s.sort !== "priority") q.set("sort", s.sort);
  if (s.order !== "desc") q.set("order", s.order);
  for (const [k, v] of Object.entries(s.filters)) if (v) q.set(k, v);
  if (s.cursor) q.set("cursor", s.cursor);
  return q.toString();
}

/** `GET /api/v1/incidents` for a state. */
export function incidentsApiUrl(s: IncidentsUrlState, limit = 50): string {
  const q = new URLSearchParams({ status: s.status, sort: s.sort, order: s.order, limit: String(limit) });
  for (const [k, v] of Object.entries(s.filters)) if (v) q.set(k, v);
  if (s.cursor) q.set("cursor", s.cursor);
  return `/api/v1/incidents?${q}`;
}
