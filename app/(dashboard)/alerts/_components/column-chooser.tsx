"use client";

import { useEffect, useRef, useState } from "react";
import { ALERT_COLUMN_LABELS, DEFAULT_HIDDEN_COLUMNS } from "@/components/data-table/alerts/columns";

/** Shows or hides columns; the hidden set lives in the URL (`hide=`). */
export function ColumnChooser({ hidden, onChange }: { hidden: string[] | null; onChange: (hide: string[] | null) => void }) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const current = hidden ?? DEFAULT_HIDDEN_COLUMNS;
  useEffect(() => {
    const close = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, []);
  return (
    <div ref={ref} className="relative">
      <button type="button" className="btn !py-1" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        Columns
      </button>
      {open && (
        <div role="menu" aria-label="Columns" className="card absolute right-0 z-20 mt-1 w-48 p-1 shadow-lg">
          {Object.entries(ALERT_COLUMN_LABELS).map(([id, label]) => (
            <label key={id} className="flex cursor-pointer items-center gap-2 rounded px-2 py-1 text-sm hover:bg-slate-100 dark:hover:bg-slate-800">
              <input
                type="checkbox"
                className="accent-sky-500"
                checked={!current.includes(id)}
                onChange={(e) => onChange(e.target.checked ? current.filter((c) => c !== id) : [...current, id])}
              />
              {label}
            </label>
          ))}
          <button type="button" className="mt-1 w-full rounded px-2 py-1 text-left text-xs text-slate-500 hover:bg-slate-100 dark:hover:bg-slate-800" onClick={() => onChange(null)}>
            Reset to default
          </button>
        </div>
      )}
    </div>
  );
}
