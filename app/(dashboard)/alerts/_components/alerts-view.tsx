"use client";

import type { RowSelectionState } from "@tanstack/react-table";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useState } from "react";
import { bulkUpdate, patchAlert, type AlertUpdateBody } from "@/components/alerts/api";
import { AssignDialog } from "@/components/alerts/assign-dialog";
import { CloseAlertDialog } from "@/components/alerts/close-alert-dialog";
import { alertHref } from "@/components/alerts/format";
import { DataTable } from "@/components/data-table/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { Kbd } from "@/components/ui/kbd";
import { apiQuery, changedUrl, filterParams, parseAlertsUrl } from "../search-params";
import { BulkBar } from "./bulk-bar";
import { ColumnChooser } from "./column-chooser";
import { FiltersBar, type RuleOption } from "./filters-bar";
import { GroupedAlerts } from "./grouped-alerts";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { StatusTabs } from "./status-tabs";
import { useAlertsData, useNewAlertCount } from "./use-alerts-data";
import { useAlertsTable } from "./use-alerts-table";
import { useShortcuts } from "./use-shortcuts";

type Target = { ids: string[] } | { filter: Record<string, string> };

/** The alerts table: filters, status tabs, grouping, selection and bulk triage, keyboard. */
export function AlertsView({ canTriage, me, rules }: { canTriage: boolean; me: string; rules: RuleOption[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseAlertsUrl(new URLSearchParams(params.toString())), [params]);
  const query = apiQuery(state);
  const filterQuery = new URLSearchParams(filterParams(state)).toString();
  const { data, error, loading, reload, loadedAt } = useAlertsData(query);
  const newCount = useNewAlertCount(filterQuery, state.status, loadedAt);

  const [selection, setSelection] = useState<RowSelectionState>({});
  const [allMatching, setAllMatching] = useState(false);
  const [focus, setFocus] = useState(-1);
  const [dialog, setDialog] = useState<null | { kind: "close" | "assign" | "help"; target?: Target }>(null);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    setSelection({});
    setAllMatching(false);
    setFocus(-1);
  }, [query]);

  const go = useCallback((changes: Record<string, string | string[] | null>) => router.replace(`${pathname}${changedUrl(new URLSearchParams(params.toString()), changes)}`, { scroll: false }), [router, pathname, params]);
  const onSortChange = (sort: string, order: "asc" | "desc") => go({ sort: sort === "createdAt" ? null : sort, order: order === "desc" ? null : order });

  const alerts = data?.alerts ?? [];
  const table = useAlertsTable({ alerts, state, selectable: canTriage, rowSelection: selection, onRowSelectionChange: setSelection, onSortChange });
  const selectedIds = Object.keys(selection).filter((k) => selection[k]);
  const matchingCount = data ? (state.status === "all" ? data.counts.open + data.counts.acknowledged + data.counts.closed : data.counts[state.status]) : 0;

  async function apply(target: Target, body: AlertUpdateBody, what: string) {
    setBusy(true);
    setDialog(null);
    try {
      const n = "ids" in target && target.ids.length === 1 ? (await patchAlert(target.ids[0], body), 1) : (await bulkUpdate(target, body)).updated;
      setNotice(`${what}: ${n} alert${n === 1 ? "" : "s"}`);
      setSelection({});
      setAllMatching(false);
      reload();
    } catch (e) {
      setNotice(`Failed: ${(e as Error).message}`);
    } finally {
      setBusy(false);
    }
  }
  const selectionTarget = (): Target => (allMatching ? { filter: filterParams(state) } : { ids: selectedIds });
  const focused = focus >= 0 ? alerts[focus] : undefined;

  useShortcuts({
    j: () => setFocus((f) => Math.min(f + 1, alerts.length - 1)),
    k: () => setFocus((f) => Math.max(f - 1, 0)),
    Enter: () => focused && router.push(alertHref(focused.id)),
    x: () => canTriage && focused && setSelection((s) => ({ ...s, [focused.id]: !s[focused.id] })),
    a: () => canTriage && focused && apply({ ids: [focused.id] }, { status: "acknowledged" }, "Acknowledged"),
    c: () => canTriage && focused && setDialog({ kind: "close", target: { ids: [focused.id] } }),
    "?": () => setDialog({ kind: "help" }),
  });
  useEffect(() => {
    if (focus >= 0) document.querySelector(`tr[data-focused]`)?.scrollIntoView({ block: "nearest" });
  }, [focus]);

  const showNew = () => (state.cursor ? go({ cursor: null }) : reload());
  const dialogCount = dialog?.target && "ids" in dialog.target ? dialog.target.ids.length : matchingCount;

  return (
    <div className="space-y-3">
      <FiltersBar state={state} rules={rules} onChange={go} />
      <div className="flex flex-wrap items-end gap-2">
        <StatusTabs value={state.status} counts={data?.counts} onChange={(s) => go({ status: s === "open" ? null : s })} />
        <div className="ml-auto flex items-center gap-2">
          <label className="flex items-center gap-1.5 text-xs text-slate-500">
            Group by
            <select aria-label="Group by" className="input !w-32 !py-1" value={state.groupBy ?? ""} onChange={(e) => go({ groupBy: e.target.value || null, expand: null })}>
              <option value="">None</option>
              <option value="host">Host</option>
              <option value="sourceIp">Source IP</option>
              <option value="rule">Rule</option>
            </select>
          </label>
          <ColumnChooser hidden={state.hide} onChange={(hide) => go({ hide: hide === null ? null : hide.join(",") || "none" })} />
          <button type="button" className="btn !py-1" aria-label="Keyboard shortcuts" onClick={() => setDialog({ kind: "help" })}>
            <Kbd>?</Kbd>
          </button>
        </div>
      </div>

      {newCount > 0 && (
        <button type="button" onClick={showNew} className="w-full rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-1.5 text-sm text-emerald-700 hover:bg-emerald-500/20 dark:text-emerald-300">
          {newCount} new alert{newCount === 1 ? "" : "s"} — show
        </button>
      )}
      {notice && (
        <p role="status" className="text-xs text-slate-500">
          {notice}
        </p>
      )}
      {canTriage && (selectedIds.length > 0 || allMatching) && !state.groupBy && (
        <BulkBar
          selectedCount={selectedIds.length}
          pageCount={alerts.length}
          matchingCount={matchingCount}
          allMatching={allMatching}
          busy={busy}
          onSelectAllMatching={() => setAllMatching(true)}
          onClear={() => (setSelection({}), setAllMatching(false))}
          onAcknowledge={() => apply(selectionTarget(), { status: "acknowledged" }, "Acknowledged")}
          onClose={() => setDialog({ kind: "close", target: selectionTarget() })}
          onAssign={() => setDialog({ kind: "assign", target: selectionTarget() })}
        />
      )}

      <div className="card overflow-hidden">
        {error ? (
          <div role="alert" className="px-4 py-10 text-center text-sm text-red-500">
            Could not load alerts: {error}{" "}
            <button type="button" className="btn ml-2" onClick={reload}>
              Retry
            </button>
          </div>
        ) : !data ? (
          <div aria-busy="true" className="space-y-2 p-3">
            {Array.from({ length: 8 }, (_, i) => (
              <div key={i} className="h-6 animate-pulse rounded bg-slate-200/70 dark:bg-slate-800/70" />
            ))}
          </div>
        ) : state.groupBy ? (
          data.groups?.length ? (
            <GroupedAlerts state={state} groups={data.groups} onSortChange={onSortChange} onToggle={(key) => go({ expand: state.expand.includes(key) ? state.expand.filter((k) => k !== key) : [...state.expand, key] })} />
          ) : (
            <EmptyState title="No alerts match these filters" />
          )
        ) : alerts.length === 0 ? (
          <EmptyState title={state.status === "open" && Object.keys(state.filters).length === 0 ? "No open alerts" : "No alerts match these filters"}>
            {state.cursor ? "This page is past the end." : "New alerts appear here without a reload."}
          </EmptyState>
        ) : (
          <div className={loading ? "opacity-60 transition-opacity" : ""}>
            <DataTable table={table} label="Alerts" focusedIndex={focus} onRowFocus={setFocus} />
          </div>
        )}
      </div>

      {!state.groupBy && data && (
        <div className="flex items-center gap-2 text-xs text-slate-500">
          <span>
            {alerts.length} shown of {matchingCount}
          </span>
          <div className="ml-auto flex gap-2">
            {state.cursor && (
              <button type="button" className="btn !py-1" onClick={() => go({ cursor: null })}>
                First page
              </button>
            )}
            {data.nextCursor && (
              <button type="button" className="btn !py-1" onClick={() => go({ cursor: data.nextCursor })}>
                Next page
              </button>
            )}
          </div>
        </div>
      )}

      <CloseAlertDialog
        open={dialog?.kind === "close"}
        count={dialogCount}
        onClose={() => setDialog(null)}
        onConfirm={(reason) => dialog?.target && apply(dialog.target, { status: "closed", closingReason: reason }, "Closed")}
      />
      <AssignDialog open={dialog?.kind === "assign"} me={me} onClose={() => setDialog(null)} onConfirm={(assignee) => dialog?.target && apply(dialog.target, { assignee }, "Assigned")} />
      <ShortcutsDialog open={dialog?.kind === "help"} onClose={() => setDialog(null)} />
    </div>
  );
}
