"use client";

import { flexRender, type Table } from "@tanstack/react-table";

/**
 * Renders a tanstack table: dense rows, clickable sortable headers (the sorting itself is the
 * caller's: server-driven tables use manualSorting), a focused row for keyboard navigation.
 */
export function DataTable<T>({
  table,
  focusedIndex = -1,
  onRowFocus,
  label,
}: {
  table: Table<T>;
  focusedIndex?: number;
  onRowFocus?: (index: number) => void;
  label: string;
}) {
  return (
    <div className="overflow-x-auto">
      <table aria-label={label} className="w-full border-collapse text-left text-[13px]">
        <thead className="sticky top-0 z-10 bg-slate-100 text-[11px] tracking-wide text-slate-500 uppercase dark:bg-slate-900 dark:text-slate-400">
          {table.getHeaderGroups().map((hg) => (
            <tr key={hg.id}>
              {hg.headers.map((h) => {
                const sorted = h.column.getIsSorted();
                const canSort = h.column.getCanSort();
                return (
                  <th
                    key={h.id}
                    scope="col"
                    style={{ width: h.getSize() !== 150 ? h.getSize() : undefined }}
                    aria-sort={sorted === "asc" ? "ascending" : sorted === "desc" ? "descending" : canSort ? "none" : undefined}
                    className="border-b border-slate-200 px-2 py-1.5 font-medium whitespace-nowrap dark:border-slate-800"
                  >
                    {h.isPlaceholder ? null : canSort ? (
                      <button
                        type="button"
                        onClick={h.column.getToggleSortingHandler()}
                        title={sorted === "desc" ? "Sorted descending: click for ascending" : sorted === "asc" ? "Sorted ascending: click for descending" : "Sort by this column"}
                        className="inline-flex items-center gap-1 uppercase hover:text-slate-900 dark:hover:text-slate-100"
                      >
                        {flexRender(h.column.columnDef.header, h.getContext())}
                        <span aria-hidden className="text-[10px]">{sorted === "asc" ? "▲" : sorted === "desc" ? "▼" : "↕"}</span>
                      </button>
                    ) : (
                      flexRender(h.column.columnDef.header, h.getContext())
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row, i) => (
            <tr
              key={row.id}
              data-row-id={row.id}
              data-focused={i === focusedIndex || undefined}
              aria-selected={row.getIsSelected()}
              onClick={() => onRowFocus?.(i)}
              className={`border-b border-slate-100 dark:border-slate-800/70 ${
                i === focusedIndex ? "bg-sky-500/10 outline outline-1 -outline-offset-1 outline-sky-500/60" : row.getIsSelected() ? "bg-sky-500/5" : "hover:bg-slate-100/70 dark:hover:bg-slate-800/40"
              }`}
            >
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} className="px-2 py-1.5 align-middle">
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
