"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import { AssignDialog } from "@/components/alerts/assign-dialog";
import { CloseAlertDialog } from "@/components/alerts/close-alert-dialog";
import { alertHref } from "@/components/alerts/format";
import { UndoToast } from "@/components/alerts/undo-toast";
import { useTriage, type TriageTarget } from "@/components/alerts/use-triage";
import type { AlertStatus } from "@/lib/alerts/types";
import { apiQuery, changedUrl, DEFAULT_SORT, filterParams, parseAlertsUrl } from "../search-params";
import { AlertsPager } from "./alerts-pager";
import { AlertsResults } from "./alerts-results";
import { AlertsToolbar } from "./alerts-toolbar";
import { BulkBar } from "./bulk-bar";
import { FiltersBar, type RuleOption } from "./filters-bar";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { useAlertSelection } from "./use-alert-selection";
import { useAlertsData, useNewAlertCount } from "./use-alerts-data";
import { useAlertsTable } from "./use-alerts-table";
import { useShortcuts } from "./use-shortcuts";

type DialogState = null | { kind: "close" | "assign" | "help"; target?: TriageTarget };

/**
 * The alerts page: the URL holds the view (filters, tab, sort, grouping, page); this wires the data,
 * the selection, the triage actions (with Undo) and the keyboard together. Each part is its own file.
 */
export function AlertsView({ canTriage, me, rules }: { canTriage: boolean; me: string; rules: RuleOption[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const state = useMemo(() => parseAlertsUrl(new URLSearchParams(params.toString())), [params]);
  const query = apiQuery(state);
  const { data, error, loading, reload, loadedAt } = useAlertsData(query);
  const newCount = useNewAlertCount(new URLSearchParams(filterParams(state)).toString(), state.status, loadedAt);
  const sel = useAlertSelection(query);
  const [dialog, setDialog] = useState<DialogState>(null);
  const { setSelection, setAllMatching } = sel;
  const afterChange = useCallback(() => {
    setSelection({});
    setAllMatching(false);
    reload();
  }, [setSelection, setAllMatching, reload]);
  const triage = useTriage(afterChange);

  const go = useCallback((changes: Record<string, string | string[] | null>) => router.replace(`${pathname}${changedUrl(new URLSearchParams(params.toString()), changes)}`, { scroll: false }), [router, pathname, params]);
  const onSortChange = (sort: string, order: "asc" | "desc") => go({ sort: sort === DEFAULT_SORT ? null : sort, order: order === "desc" ? null : order });

  const alerts = data?.alerts ?? [];
  const table = useAlertsTable({ alerts, state, selectable: canTriage, rowSelection: sel.selection, onRowSelectionChange: sel.setSelection, onSortChange });
  const matchingCount = data ? (state.status === "all" ? data.counts.open + data.counts.acknowledged + data.counts.closed : data.counts[state.status]) : 0;
  const known: Record<string, AlertStatus> = Object.fromEntries(alerts.map((a) => [a.id, a.status]));
  const selectionTarget = (): TriageTarget => (sel.allMatching ? { filter: filterParams(state) } : { ids: sel.selectedIds });
  const focused = sel.focus >= 0 ? alerts[sel.focus] : undefined;

  useShortcuts({
    j: () => sel.setFocus((f) => Math.min(f + 1, alerts.length - 1)),
    k: () => sel.setFocus((f) => Math.max(f - 1, 0)),
    Enter: () => focused && router.push(alertHref(focused.id)),
    x: () => canTriage && focused && sel.setSelection((s) => ({ ...s, [focused.id]: !s[focused.id] })),
    a: () => canTriage && focused && triage.apply({ ids: [focused.id] }, { status: "acknowledged" }, "Acknowledged", known),
    c: () => canTriage && focused && setDialog({ kind: "close", target: { ids: [focused.id] } }),
    u: () => triage.undo && triage.runUndo(),
    "?": () => setDialog({ kind: "help" }),
  });

  const dialogCount = dialog?.target && "ids" in dialog.target ? dialog.target.ids.length : matchingCount;
  const run = (body: Parameters<typeof triage.apply>[1], what: string) => {
    const target = dialog?.target;
    setDialog(null);
    if (target) void triage.apply(target, body, what, known);
  };

  return (
    <div className="space-y-3">
      <FiltersBar state={state} rules={rules} onChange={go} />
      <AlertsToolbar state={state} counts={data?.counts} onChange={go} onHelp={() => setDialog({ kind: "help" })} />

      {newCount > 0 && (
        <button type="button" onClick={() => (state.cursor ? go({ cursor: null }) : reload())} className="w-full rounded-md border border-emerald-500/40 bg-emerald-500/10 px-3 py-1.5 text-sm text-emerald-700 hover:bg-emerald-500/20 dark:text-emerald-300">
          {newCount} new alert{newCount === 1 ? "" : "s"} — show
        </button>
      )}
      {triage.notice && (
        <p role="status" className="text-xs text-slate-500">
          {triage.notice}
        </p>
      )}
      {canTriage && (sel.selectedIds.length > 0 || sel.allMatching) && !state.groupBy && (
        <BulkBar
          selectedCount={sel.selectedIds.length}
          pageCount={alerts.length}
          matchingCount={matchingCount}
          allMatching={sel.allMatching}
          busy={triage.busy}
          onSelectAllMatching={() => sel.setAllMatching(true)}
          onClear={sel.clear}
          onAcknowledge={() => triage.apply(selectionTarget(), { status: "acknowledged" }, "Acknowledged", known)}
          onClose={() => setDialog({ kind: "close", target: selectionTarget() })}
          onAssign={() => setDialog({ kind: "assign", target: selectionTarget() })}
        />
      )}

      <AlertsResults state={state} data={data} error={error} loading={loading} table={table} focus={sel.focus} onFocus={sel.setFocus} onChange={go} onRetry={reload} onSortChange={onSortChange} />
      {!state.groupBy && data && !error && <AlertsPager shown={alerts.length} matching={matchingCount} cursor={state.cursor} nextCursor={data.nextCursor} onPage={(cursor) => go({ cursor })} />}

      <CloseAlertDialog open={dialog?.kind === "close"} count={dialogCount} onClose={() => setDialog(null)} onConfirm={(reason) => run({ status: "closed", closingReason: reason }, "Closed")} />
      <AssignDialog open={dialog?.kind === "assign"} me={me} onClose={() => setDialog(null)} onConfirm={(assignee) => run({ assignee }, "Assigned")} />
      <ShortcutsDialog open={dialog?.kind === "help"} onClose={() => setDialog(null)} />
      <UndoToast offer={triage.undo} onUndo={triage.runUndo} onDismiss={triage.dismissUndo} />
    </div>
  );
}
