/** An incident's short name: "INC-42". */
export const incidentRef = (n: number) => `INC-${n}`;
export const incidentHref = (id: string) => `/incidents/${encodeURIComponent(id)}`;

/**
 * Priority = the highest of its alerts' (risk score, +100 when a target is critical, +50 for a pivot):
 * ≥ 150 is a critical target reached, ≥ 100 high, lower medium or low.
 */
export function PriorityBadge({ priority, critical }: { priority: number; critical?: boolean }) {
  const tone =
    priority >= 150 || critical
      ? "bg-red-600 text-white"
      : priority >= 100
        ? "bg-orange-500/20 text-orange-700 ring-1 ring-orange-500/40 dark:text-orange-300"
        : priority >= 47
          ? "bg-amber-500/15 text-amber-800 ring-1 ring-amber-500/30 dark:text-amber-300"
          : "bg-sky-500/15 text-sky-800 ring-1 ring-sky-500/30 dark:text-sky-300";
  return (
    <span title={`Priority ${priority}${critical ? " (a critical host is a target)" : ""}`} className={`inline-flex items-center gap-1 rounded px-1.5 py-0.5 font-mono text-[11px] font-semibold tabular-nums ${tone}`}>
      {priority}
      {critical && <span className="font-sans text-[10px] uppercase">critical</span>}
    </span>
  );
}
