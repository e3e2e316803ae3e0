"use client";

import { RiskScore } from "@/components/alerts/badges";
import { timeAgo } from "@/components/format";
import { DataTable } from "@/components/data-table/data-table";
import type { AlertGroup } from "@/lib/db/queries/alerts";
import { apiQuery, type AlertsUrlState } from "../search-params";
import { useAlertsData } from "./use-alerts-data";
import { useAlertsTable } from "./use-alerts-table";

const GROUP_FILTER: Record<string, string> = { host: "hostId", sourceIp: "sourceIp", rule: "ruleId" };
const GROUP_LABEL: Record<string, string> = { host: "Host", sourceIp: "Source IP", rule: "Rule" };

/** The groups of the filter with their counts; an expanded group lists its alerts. */
export function GroupedAlerts({
  state,
  groups,
  onToggle,
  onSortChange,
}: {
  state: AlertsUrlState;
  groups: AlertGroup[];
  onToggle: (key: string) => void;
  onSortChange: (sort: string, order: "asc" | "desc") => void;
}) {
  const by = state.groupBy!;
  return (
    <ul aria-label={`Alerts grouped by ${GROUP_LABEL[by]}`} className="divide-y divide-slate-200 dark:divide-slate-800">
      {groups.map((g) => {
        const expanded = state.expand.includes(g.key);
        const expandable = g.key !== "";
        return (
          <li key={g.key}>
            <button
              type="button"
              disabled={!expandable}
              aria-expanded={expanded}
              onClick={() => onToggle(g.key)}
              className="flex w-full items-center gap-3 px-3 py-2 text-left text-sm hover:bg-slate-100/70 dark:hover:bg-slate-800/40"
            >
              <span aria-hidden className="w-3 text-slate-500">{expandable ? (expanded ? "▾" : "▸") : ""}</span>
              <span className="text-[11px] text-slate-500 uppercase">{GROUP_LABEL[by]}</span>
              <span className={`truncate ${by === "rule" ? "" : "font-mono text-xs"}`}>{g.label}</span>
              <span className="rounded-full bg-slate-200 px-2 font-mono text-[11px] tabular-nums dark:bg-slate-800">{g.count}</span>
              <span className="ml-auto flex items-center gap-4 text-xs text-slate-500">
                <span>
                  max risk <RiskScore score={g.maxRisk} />
                </span>
                <span className="w-16 text-right">{timeAgo(g.latest)}</span>
              </span>
            </button>
            {expanded && expandable && <GroupTable state={state} filterKey={GROUP_FILTER[by]} value={g.key} onSortChange={onSortChange} />}
          </li>
        );
      })}
    </ul>
  );
}

function GroupTable({ state, filterKey, value, onSortChange }: { state: AlertsUrlState; filterKey: string; value: string; onSortChange: (s: string, o: "asc" | "desc") => void }) {
  const sub: AlertsUrlState = { ...state, groupBy: null, cursor: null, filters: { ...state.filters, [filterKey]: value } };
  const { data, error, loading } = useAlertsData(apiQuery(sub, { limit: "100" }));
  const table = useAlertsTable({ alerts: data?.alerts ?? [], state, selectable: false, onSortChange });
  if (error) return <p className="px-8 py-2 text-sm text-red-500">{error}</p>;
  if (loading && !data) return <p className="px-8 py-2 text-sm text-slate-500">Loading…</p>;
  return (
    <div className="mb-2 ml-6 border-l border-slate-200 dark:border-slate-800">
      <DataTable table={table} label={`Alerts of ${value}`} />
      {data?.nextCursor && <p className="px-2 py-1 text-xs text-slate-500">First 100 shown; filter by this {filterKey} to page through the rest.</p>}
    </div>
  );
}
