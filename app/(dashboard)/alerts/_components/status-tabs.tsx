"use client";

import type { StatusTab } from "../search-params";

const TABS: { id: StatusTab; label: string }[] = [
  { id: "open", label: "Open" },
  { id: "acknowledged", label: "Acknowledged" },
  { id: "closed", label: "Closed" },
  { id: "all", label: "All" },
];

export function StatusTabs({ value, counts, onChange }: { value: StatusTab; counts?: Record<string, number>; onChange: (s: StatusTab) => void }) {
  const total = counts ? counts.open + counts.acknowledged + counts.closed : undefined;
  return (
    <div role="tablist" aria-label="Status" className="flex items-center gap-1 border-b border-slate-200 dark:border-slate-800">
      {TABS.map((t) => {
        const n = t.id === "all" ? total : counts?.[t.id];
        const active = value === t.id;
        return (
          <button
            key={t.id}
            role="tab"
            type="button"
            aria-selected={active}
            onClick={() => onChange(t.id)}
            className={`-mb-px flex items-center gap-2 border-b-2 px-3 py-1.5 text-sm ${active ? "border-sky-500 font-medium text-slate-900 dark:text-slate-100" : "border-transparent text-slate-500 hover:text-slate-800 dark:hover:text-slate-200"}`}
          >
            {t.label}
            <span className="rounded-full bg-slate-200 px-1.5 font-mono text-[11px] tabular-nums text-slate-600 dark:bg-slate-800 dark:text-slate-300">{n ?? "…"}</span>
          </button>
        );
      })}
    </div>
  );
}
