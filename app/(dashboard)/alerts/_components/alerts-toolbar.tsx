"use client";

import { Kbd } from "@/components/ui/kbd";
import type { AlertsUrlState } from "../search-params";
import { ColumnChooser } from "./column-chooser";
import { StatusTabs } from "./status-tabs";

/** Status tabs with their counts, grouping, columns and the shortcuts help. */
export function AlertsToolbar({
  state,
  counts,
  onChange,
  onHelp,
}: {
  state: AlertsUrlState;
  counts: { open: number; acknowledged: number; closed: number } | undefined;
  onChange: (changes: Record<string, string | string[] | null>) => void;
  onHelp: () => void;
}) {
  return (
    <div className="flex flex-wrap items-end gap-2">
      <StatusTabs value={state.status} counts={counts} onChange={(s) => onChange({ status: s === "open" ? null : s })} />
      <div className="ml-auto flex items-center gap-2">
        <label className="flex items-center gap-1.5 text-xs text-slate-500">
          Group by
          <select aria-label="Group by" className="input !w-32 !py-1" value={state.groupBy ?? ""} onChange={(e) => onChange({ groupBy: e.target.value || null, expand: null })}>
            <option value="">None</option>
            <option value="host">Host</option>
            <option value="sourceIp">Source IP</option>
            <option value="rule">Rule</option>
          </select>
        </label>
        <ColumnChooser hidden={state.hide} onChange={(hide) => onChange({ hide: hide === null ? null : hide.join(",") || "none" })} />
        <button type="button" className="btn !py-1" aria-label="Keyboard shortcuts" onClick={onHelp}>
          <Kbd>?</Kbd>
        </button>
      </div>
    </div>
  );
}
