"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useState } from "react";
import { useApi } from "@/components/api/use-api";
import type { IncidentListJson, IncidentSort } from "@/lib/incidents/types";
import { INCIDENT_TABS, incidentsApiUrl, incidentsUrlQuery, parseIncidentsUrl, SORT_LABELS, type IncidentsUrlState, type IncidentTab } from "../search-params";
import { IncidentsTable } from "./incidents-table";

const TAB_LABELS: Record<IncidentTab, string> = { open: "Open", acknowledged: "Acknowledged", closed: "Closed", all: "All" };

/** The incidents list: status tabs with counts, sort (priority, size, last activity), filters, pages. */
export function IncidentsView() {
  const router = useRouter();
  const pathname = usePathname();
  const sp = useSearchParams();
  const state = parseIncidentsUrl(new URLSearchParams(sp.toString()));
  const { data, error, loading } = useApi<IncidentListJson>(incidentsApiUrl(state));
  const [draft, setDraft] = useState(state.filters);
  const go = (next: Partial<IncidentsUrlState>) => {
    const s = { ...state, cursor: null, ...next };
    const q = incidentsUrlQuery(s);
    router.replace(q ? `${pathname}?${q}` : pathname, { scroll: false });
  };
  const sortBy = (sort: IncidentSort) => go({ sort, order: state.sort === sort && state.order === "desc" ? "asc" : "desc" });
  const counts = data?.counts;

  return (
    <div className="space-y-3">
      <div role="tablist" aria-label="Status" className="flex items-center gap-1 border-b border-slate-200 dark:border-slate-800">
        {INCIDENT_TABS.map((t) => {
          const n = counts ? (t === "all" ? counts.open + counts.acknowledged + counts.closed : counts[t]) : undefined;
          const active = state.status === t;
          return (
            <button
              key={t}
              role="tab"
              type="button"
              aria-selected={active}
              onClick={() => go({ status: t })}
              className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-1.5 text-sm ${active ? "border-sky-500 font-medium" : "border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-300 dark:hover:text-slate-100"}`}
            >
              {TAB_LABELS[t]}
              <span className="rounded-full bg-slate-200 px-1.5 font-mono text-[11px] text-slate-700 tabular-nums dark:bg-slate-800 dark:text-slate-300">{n ?? "…"}</span>
            </button>
          );
        })}
      </div>
      <form
        className="flex flex-wrap items-end gap-2 text-xs"
        onSubmit={(e) => {
          e.preventDefault();
          go({ filters: Object.fromEntries(Object.entries(draft).filter(([, v]) => v && v.trim())) });
        }}
      >
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Search</span>
          <input value={draft.q ?? ""} onChange={(e) => setDraft({ ...draft, q: e.target.value })} placeholder="title, host, INC-42" className="input w-56 !py-1 text-xs" />
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Assignee</span>
          <input value={draft.assignee ?? ""} onChange={(e) => setDraft({ ...draft, assignee: e.target.value })} placeholder="anyone" className="input w-44 !py-1 text-xs" />
        </label>
        <label className="flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Host id</span>
          <input value={draft.hostId ?? ""} onChange={(e) => setDraft({ ...draft, hostId: e.target.value })} placeholder="any host" className="input w-40 !py-1 font-mono text-xs" />
        </label>
        <label className="flex items-center gap-1.5 pb-1.5">
          <input type="checkbox" checked={draft.critical === "true"} onChange={(e) => setDraft({ ...draft, critical: e.target.checked ? "true" : "" })} />
          <span>Critical hosts only</span>
        </label>
        <button type="submit" className="btn py-1 text-xs">
          Apply
        </button>
        <label className="ml-auto flex flex-col gap-0.5">
          <span className="text-slate-600 dark:text-slate-300">Sort by</span>
          <select value={state.sort} onChange={(e) => go({ sort: e.target.value as IncidentSort, order: "desc" })} className="input w-40 !py-1 text-xs">
            {Object.entries(SORT_LABELS).map(([k, label]) => (
              <option key={k} value={k}>
                {label}
              </option>
            ))}
          </select>
        </label>
      </form>
      {error && (
        <p role="alert" className="card p-3 text-sm text-rose-600 dark:text-rose-300">
          {error}
        </p>
      )}
      <div className="card overflow-x-auto">
        <IncidentsTable incidents={data?.incidents ?? null} sort={state.sort} order={state.order} onSort={sortBy} loading={loading} />
      </div>
      <div className="flex items-center gap-2 text-xs">
        {state.cursor && (
          <button type="button" className="btn py-1 text-xs" onClick={() => go({ cursor: null })}>
            First page
          </button>
        )}
        {data?.nextCursor && (
          <button type="button" className="btn py-1 text-xs" onClick={() => go({ cursor: data.nextCursor })}>
            Next page
          </button>
        )}
      </div>
    </div>
  );
}
