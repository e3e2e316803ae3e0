import { formatTime } from "@/components/format";

/**
 * The window selector of the investigation pages, in the URL (`from`, `to`): presets ending at the
 * current window's end, and a plain GET form for exact instants. Works without JavaScript.
 */
export interface TimeWindowBarProps {
  basePath: string;
  window: { from: string; to: string };
  presets?: { label: string; ms: number }[];
  /** Extra query parameters to keep. */
  keep?: Record<string, string>;
}

const DEFAULT_PRESETS = [
  { label: "1 h", ms: 3600_000 },
  { label: "6 h", ms: 6 * 3600_000 },
  { label: "24 h", ms: 24 * 3600_000 },
  { label: "7 d", ms: 7 * 24 * 3600_000 },
];

export function TimeWindowBar({ basePath, window, presets = DEFAULT_PRESETS, keep = {} }: TimeWindowBarProps) {
  const end = Date.parse(window.to);
  const span = end - Date.parse(window.from);
  const href = (from: string, to: string) => `${basePath}?${new URLSearchParams({ ...keep, from, to }).toString()}`;
  return (
    <div className="flex flex-wrap items-center gap-2 text-sm" aria-label="Time window">
      <span className="text-xs text-slate-500">Window ending {formatTime(window.to)}:</span>
      {presets.map((p) => (
        <a
          key={p.label}
          href={href(new Date(end - p.ms).toISOString(), window.to)}
          aria-current={Math.abs(span - p.ms) < 1000 ? "true" : undefined}
          className={`rounded-md px-2 py-1 text-xs ${Math.abs(span - p.ms) < 1000 ? "bg-sky-600 text-white" : "border border-slate-300 hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800"}`}
        >
          {p.label}
        </a>
      ))}
      <a href={href(new Date(Date.now() - span).toISOString(), new Date().toISOString())} className="rounded-md border border-slate-300 px-2 py-1 text-xs hover:bg-slate-100 dark:border-slate-700 dark:hover:bg-slate-800">
        Until now
      </a>
      <form method="get" action={basePath} className="flex items-center gap-1">
        {Object.entries(keep).map(([k, v]) => (
          <input key={k} type="hidden" name={k} value={v} />
        ))}
        <input name="from" defaultValue={window.from} aria-label="From" className="input w-52 py-1 font-mono text-xs" />
        <span className="text-slate-500">→</span>
        <input name="to" defaultValue={window.to} aria-label="To" className="input w-52 py-1 font-mono text-xs" />
        <button type="submit" className="btn py-1 text-xs">
          Apply
        </button>
      </form>
    </div>
  );
}
