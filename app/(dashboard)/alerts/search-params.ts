import { ALERT_GROUP_BY, ALERT_SORTS, type AlertGroupBy, type AlertSort } from "@/lib/validation/alerts";

/**
 * The alerts page keeps all its state in the URL so that a link reproduces the view. This parses
 * it (leniently: an unknown value falls back to the default) and writes changes back.
 */
/** "Filter out" keys (alerts whose value differs) and what each excludes. */
export const EXCLUDE_KEYS = ["notHost", "notSourceIp", "notUser", "notProcess", "notRuleId"] as const;
export const EXCLUDE_LABELS: Record<(typeof EXCLUDE_KEYS)[number], string> = {
  notHost: "Host",
  notSourceIp: "Source IP",
  notUser: "User",
  notProcess: "Process",
  notRuleId: "Rule",
};

/** The list's default order: the latest event first. */
export const DEFAULT_SORT = "lastEventAt" satisfies AlertSort;

export type StatusTab = "open" | "acknowledged" | "closed" | "all";
export const FILTER_KEYS = ["ruleId", "severity", "hostId", "incidentId", "host", "sourceIp", "user", "process", "q", "from", "to", "timeField", ...EXCLUDE_KEYS] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];

export interface AlertsUrlState {
  status: StatusTab;
  filters: Partial<Record<FilterKey, string>>;
  sort: AlertSort;
  order: "asc" | "desc";
  limit: number;
  cursor: string | null;
  groupBy: AlertGroupBy | null;
  /** Expanded groups (group keys). */
  expand: string[];
  /** Hidden columns (column ids); null = the default set. */
  hide: string[] | null;
}

type Source = URLSearchParams | Record<string, string | string[] | undefined>;

function reader(src: Source) {
  if (src instanceof URLSearchParams) return { get: (k: string) => src.get(k), getAll: (k: string) => src.getAll(k) };
  return {
    get: (k: string) => {
      const v = src[k];
      return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
    },
    getAll: (k: string) => {
      const v = src[k];
      return Array.isArray(v) ? v : v === undefined ? [] : [v];
    },
  };
}

const oneOf = <T extends string>(list: readonly T[], v: string | null, fallback: T): T => (v && (list as readonly string[]).includes(v) ? (v as T) : fallback);

export function parseAlertsUrl(src: Source): AlertsUrlState {
  const r = reader(src);
  const filters: AlertsUrlState["filters"] = {};
  for (const k of FILTER_KEYS) {
    const v = r.get(k);
    if (v) filters[k] = v;
  }
  const limit = Number(r.get("limit"));
  const hide = r.get("hide");
  return {
    status: oneOf(["open", "acknowledged", "closed", "all"] as const, r.get("status"), "open"),
    filters,
    sort: oneOf(ALERT_SORTS, r.get("sort"), DEFAULT_SORT),
    order: oneOf(["asc", "desc"] as const, r.get("order"), "desc"),
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 500 ? limit : 50,
    cursor: r.get("cursor") || null,
    groupBy: ALERT_GROUP_BY.includes(r.get("groupBy") as AlertGroupBy) ? (r.get("groupBy") as AlertGroupBy) : null,
    expand: r.getAll("expand"),
    hide: hide === null ? null : hide.split(",").filter(Boolean),
  };
}

/** The API query of the filter alone (what "select all matching" and counts use). */
export function filterParams(s: AlertsUrlState): Record<string, string> {
  const out: Record<string, string> = { status: s.status };
  for (const [k, v] of Object.entries(s.filters)) if (v) out[k] = v;
  return out;
}

/** The API query of the current page. */
export function apiQuery(s: AlertsUrlState, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ ...filterParams(s), sort: s.sort, order: s.order, limit: String(s.limit), ...extra });
  if (s.cursor && !("cursor" in extra)) q.set("cursor", s.cursor);
  if (s.groupBy) q.set("groupBy", s.groupBy);
  return q.toString();
}

/**
 * The URL with some keys changed (null removes them). Any change but paging or presentation
 * starts again at the first page.
 */
export function changedUrl(current: URLSearchParams, changes: Record<string, string | string[] | null>): string {
  const next = new URLSearchParams(current);
  const keepsPage = Object.keys(changes).every((k) => ["cursor", "hide", "expand"].includes(k));
  if (!keepsPage) next.delete("cursor");
  for (const [k, v] of Object.entries(changes)) {
    next.delete(k);
    if (Array.isArray(v)) for (const one of v) next.append(k, one);
    else if (v !== null && v !== "") next.set(k, v);
  }
  const text = next.toString();
  return text ? `?${text}` : "?";
}
