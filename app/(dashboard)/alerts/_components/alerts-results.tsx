"use client";

import type { Table } from "@tanstack/react-table";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import type { AlertJson } from "@/lib/alerts/types";
import type { AlertListJson } from "@/lib/triage/list-alerts";
import type { AlertsUrlState } from "../search-params";
import { AlertsError } from "./alerts-error";
import { GroupedAlerts } from "./grouped-alerts";

/** The list's body: an error (hiding stale rows), a skeleton, the groups, "nothing matches", or the table. */
export function AlertsResults(props: {
  state: AlertsUrlState;
  data: AlertListJson | null;
  error: string | null;
  loading: boolean;
  table: Table<AlertJson>;
  focus: number;
  onFocus: (i: number) => void;
  onChange: (changes: Record<string, string | string[] | null>) => void;
  onRetry: () => void;
  onSortChange: (sort: string, order: "asc" | "desc") => void;
}) {
  const { state, data, error } = props;
  let body: React.ReactNode;
  if (error) body = <AlertsError error={error} state={state} onChange={props.onChange} onRetry={props.onRetry} />;
  else if (!data)
    body = (
      <div aria-busy="true" className="space-y-2 p-3">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-6 animate-pulse rounded bg-slate-200/70 dark:bg-slate-800/70" />
        ))}
      </div>
    );
  else if (state.groupBy)
    body = data.groups?.length ? (
      <GroupedAlerts
        state={state}
        groups={data.groups}
        onSortChange={props.onSortChange}
        onToggle={(key) => props.onChange({ expand: state.expand.includes(key) ? state.expand.filter((k) => k !== key) : [...state.expand, key] })}
      />
    ) : (
      <EmptyState title="No alerts match these filters" />
    );
  else if (data.alerts.length === 0)
    body = (
      <EmptyState title={state.status === "open" && Object.keys(state.filters).length === 0 ? "No open alerts" : "No alerts match these filters"}>
        {state.cursor ? (
          <>
            This page is past the end.{" "}
            <button type="button" className="btn ml-1 !py-0.5" onClick={() => props.onChange({ cursor: null })}>
              First page
            </button>
          </>
        ) : (
          "New alerts appear here without a reload."
        )}
      </EmptyState>
    );
  else
    body = (
      <div className={props.loading ? "opacity-60 transition-opacity" : ""}>
        <DataTable table={props.table} label="Alerts" focusedIndex={props.focus} onRowFocus={props.onFocus} />
      </div>
    );
  return <div className="card overflow-hidden">{body}</div>;
}
