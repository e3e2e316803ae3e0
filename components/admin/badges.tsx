const ROLE_STYLE: Record<string, string> = {
  admin: "bg-violet-500/15 text-violet-700 ring-violet-500/30 dark:text-violet-300",
  analyst: "bg-sky-500/15 text-sky-700 ring-sky-500/30 dark:text-sky-300",
  viewer: "bg-slate-500/10 text-slate-600 ring-slate-500/25 dark:text-slate-300",
  read: "bg-slate-500/10 text-slate-600 ring-slate-500/25 dark:text-slate-300",
  ingest: "bg-emerald-500/15 text-emerald-700 ring-emerald-500/30 dark:text-emerald-300",
};

/** A role or API key scope as a small pill. */
export function RoleBadge({ role }: { role: string }) {
  return <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${ROLE_STYLE[role] ?? ROLE_STYLE.viewer}`}>{role}</span>;
}

export function StateBadge({ ok, label }: { ok: boolean; label: string }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ${
        ok ? "bg-emerald-500/10 text-emerald-700 ring-emerald-500/25 dark:text-emerald-300" : "bg-rose-500/10 text-rose-700 ring-rose-500/25 dark:text-rose-300"
      }`}
    >
      <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${ok ? "bg-emerald-500" : "bg-rose-500"}`} />
      {label}
    </span>
  );
}
