"use client";

import { flexRender, getCoreRowModel, getExpandedRowModel, useReactTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { Fragment, useMemo, useState } from "react";
import { allowlistColumns } from "@/components/data-table/allowlist/columns";
import type { AllowlistEntryJson } from "@/lib/allowlist/serialize-entry";
import { apiSend } from "@/components/api/client";
import { DeleteDialog } from "./delete-dialog";
import { EntryHistory } from "./entry-history";

export function AllowlistTable(props: { entries: AllowlistEntryJson[]; ruleNames: Record<string, string>; canWrite: boolean; now: number }) {
  const router = useRouter();
  const [entries, setEntries] = useState(props.entries);
  const [busyId, setBusyId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [toDelete, setToDelete] = useState<AllowlistEntryJson | null>(null);
  const [historyVersion, setHistoryVersion] = useState(0);

  const onToggle = async (entry: AllowlistEntryJson, enabled: boolean) => {
    setBusyId(entry.id);
    setError(null);
    const res = await apiSend<{ entry: AllowlistEntryJson }>(`/api/v1/allowlist/${entry.id}`, "PATCH", { enabled });
    setBusyId(null);
    if (!res.ok) return setError(res.error);
    setEntries((list) => list.map((e) => (e.id === entry.id ? res.data.entry : e)));
    setHistoryVersion((v) => v + 1);
  };

  const onConfirmDelete = async () => {
    if (!toDelete) return;
    const res = await apiSend(`/api/v1/allowlist/${toDelete.id}`, "DELETE");
    if (!res.ok) return setError(res.error);
    setEntries((list) => list.filter((e) => e.id !== toDelete.id));
    setToDelete(null);
    router.refresh();
  };

  const columns = useMemo(
    () => allowlistColumns({ canWrite: props.canWrite, ruleNames: props.ruleNames, now: props.now, busyId, onToggle, onDelete: setToDelete }),
    [props.canWrite, props.ruleNames, props.now, busyId],
  );
  const table = useReactTable({
    data: entries,
    columns,
    getRowId: (e) => e.id,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowCanExpand: () => true,
  });

  return (
    <>
      {error && (
        <div role="alert" className="mb-3 rounded-md border border-rose-500/40 bg-rose-500/10 px-3 py-2 text-sm text-rose-700 dark:text-rose-300">
          {error}
        </div>
      )}
      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm" aria-label="Allowlist entries">
          <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500 dark:border-slate-800 dark:text-slate-400">
            {table.getHeaderGroups().map((hg) => (
              <tr key={hg.id}>
                {hg.headers.map((h) => (
                  <th key={h.id} className="px-3 py-2 font-medium">
                    {h.isPlaceholder ? null : flexRender(h.column.columnDef.header, h.getContext())}
                  </th>
                ))}
              </tr>
            ))}
          </thead>
          <tbody>
            {table.getRowModel().rows.map((row) => (
              <Fragment key={row.id}>
                <tr className={`border-b border-slate-100 align-top last:border-0 dark:border-slate-800/70 ${row.original.active ? "" : "opacity-70"}`}>
                  {row.getVisibleCells().map((cell) => (
                    <td key={cell.id} className="px-3 py-2.5">
                      {flexRender(cell.column.columnDef.cell, cell.getContext())}
                    </td>
                  ))}
                </tr>
                {row.getIsExpanded() && (
                  <tr className="border-b border-slate-100 bg-slate-50/60 dark:border-slate-800/70 dark:bg-slate-950/40">
                    <td />
                    <td colSpan={row.getVisibleCells().length - 1} className="px-3 py-3">
                      <EntryHistory entryId={row.original.id} version={historyVersion} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      </div>
      {toDelete && <DeleteDialog name={toDelete.name} onCancel={() => setToDelete(null)} onConfirm={onConfirmDelete} />}
    </>
  );
}
