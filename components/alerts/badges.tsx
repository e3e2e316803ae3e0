const SEVERITY_STYLE: Record<string, string> = {
  critical: "bg-red-500/15 text-red-600 ring-red-500/30 dark:text-red-300",
  high: "bg-orange-500/15 text-orange-600 ring-orange-500/30 dark:text-orange-300",
  medium: "bg-amber-500/15 text-amber-700 ring-amber-500/30 dark:text-amber-300",
  low: "bg-sky-500/15 text-sky-700 ring-sky-500/30 dark:text-sky-300",
};

export function SeverityBadge({ severity }: { severity: string }) {
  return (
    <span className={`inline-flex items-center rounded px-1.5 py-0.5 text-[11px] font-medium capitalize ring-1 ring-inset ${SEVERITY_STYLE[severity] ?? "bg-slate-500/15 ring-slate-500/30"}`}>
      {severity}
    </span>
  );
}

export function RiskScore({ score }: { score: number }) {
  const color = score >= 73 ? "text-red-500" : score >= 47 ? "text-amber-600" : "text-sky-500";
  return <span className={`font-mono text-xs tabular-nums ${color}`}>{score}</span>;
}

const STATUS_STYLE: Record<string, string> = {
  open: "bg-emerald-500/15 text-emerald-700 dark:text-emerald-300",
  acknowledged: "bg-violet-500/15 text-violet-700 dark:text-violet-300",
  closed: "bg-slate-500/15 text-slate-600 dark:text-slate-400",
};

export function StatusBadge({ status, reason }: { status: string; reason?: string | null }) {
  return (
    <span className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium capitalize ${STATUS_STYLE[status] ?? ""}`}>
      {status}
      {reason && <span className="font-normal normal-case opacity-75">· {reason.replace(/_/g, " ")}</span>}
    </span>
  );
}

export function ChecklistProgress({ done, total }: { done: number; total: number }) {
  const pct = total > 0 ? Math.round((done / total) * 100) : 0;
  return (
    <div className="flex items-center gap-2" title={`${done} of ${total} investigation steps done`}>
      <div className="h-1.5 w-14 overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800">
        <div className={`h-full ${pct === 100 ? "bg-emerald-500" : "bg-sky-500"}`} style={{ width: `${pct}%` }} />
      </div>
      <span className="font-mono text-[11px] tabular-nums text-slate-500">
        {done}/{total}
      </span>
    </div>
  );
}
