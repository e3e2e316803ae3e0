/** What the tree's lines and marks mean. */
export function TreeLegend() {
  return (
    <span className="flex flex-wrap items-center gap-3" aria-label="Legend">
      <span className="flex items-center gap-1">
        <span className="inline-block w-6 border-t-2 border-slate-400" /> exact (entity id)
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block w-6 border-t-2 border-dashed border-amber-500" /> inferred (pid/ppid)
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block h-3 w-3 rounded-sm border border-dashed border-slate-400" /> no start event
      </span>
      <span className="flex items-center gap-1">
        <span className="inline-block h-3 w-3 rounded-sm bg-rose-500/30 ring-1 ring-rose-500" /> this alert&apos;s process
      </span>
      <span className="flex items-center gap-1">
        <span className="rounded bg-orange-600 px-1 text-[10px] font-semibold text-white uppercase">alert</span> another alert
      </span>
    </span>
  );
}
