"use client";

import { getCoreRowModel, useReactTable, type RowSelectionState, type SortingState, type VisibilityState } from "@tanstack/react-table";
import { useMemo } from "react";
import { alertColumns, COLUMN_SORTS, DEFAULT_HIDDEN_COLUMNS, sortColumn } from "@/components/data-table/alerts/columns";
import type { AlertJson } from "@/lib/alerts/types";
import type { AlertsUrlState } from "../search-params";

/**
 * The tanstack table of a page of alerts: sorting and column visibility come from the URL
 * (server-driven: manualSorting, manualPagination); row selection is the caller's.
 */
export function useAlertsTable(opts: {
  alerts: AlertJson[];
  state: AlertsUrlState;
  selectable: boolean;
  rowSelection?: RowSelectionState;
  onRowSelectionChange?: (next: RowSelectionState) => void;
  onSortChange: (sort: string, order: "asc" | "desc") => void;
}) {
  const { alerts, state, selectable, rowSelection = {}, onRowSelectionChange, onSortChange } = opts;
  const columns = useMemo(() => alertColumns({ selectable }), [selectable]);
  const sorting: SortingState = [{ id: sortColumn(state.sort), desc: state.order === "desc" }];
  const columnVisibility: VisibilityState = Object.fromEntries((state.hide ?? DEFAULT_HIDDEN_COLUMNS).map((id) => [id, false]));
  return useReactTable({
    data: alerts,
    columns,
    getRowId: (a) => a.id,
    getCoreRowModel: getCoreRowModel(),
    manualSorting: true,
    manualPagination: true,
    enableSortingRemoval: false,
    sortDescFirst: true,
    enableMultiSort: false,
    enableRowSelection: selectable,
    state: { sorting, columnVisibility, rowSelection },
    onRowSelectionChange: (updater) => onRowSelectionChange?.(typeof updater === "function" ? updater(rowSelection) : updater),
    onSortingChange: (updater) => {
      const next = typeof updater === "function" ? updater(sorting) : updater;
      const first = next[0];
      if (first && COLUMN_SORTS[first.id]) onSortChange(COLUMN_SORTS[first.id], first.desc ? "desc" : "asc");
    },
  });
}
