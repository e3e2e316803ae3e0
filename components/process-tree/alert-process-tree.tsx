import Link from "next/link";
import type { AlertProcessTreeJson } from "@/lib/process-tree/get-alert-process-tree";
import type { ProcessAlert } from "./alert-badges";
import { ProcessTreeView } from "./process-tree-view";

/**
 * The alert's process tree (ancestors, descendants, siblings within ±1 h), rendered on the server
 * with the page: the tree is in the first HTML, no second round trip after hydration.
 */
export function AlertProcessTree({ data, alerts }: { data: AlertProcessTreeJson | { error: string }; alerts: Record<string, ProcessAlert[]> }) {
  if ("error" in data) return <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">Could not load the process tree: {data.error}</div>;
  const name = (k: string) => data.tree.nodes[k]?.name ?? "?";
  const withAlerts = Object.keys(alerts).length;
  return (
    <section aria-label="Alert process tree" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        {data.lineage.length > 0 && (
          <span>
            Lineage: <span className="font-mono text-slate-700 dark:text-slate-200">{data.lineage.map(name).join(" ← ")}</span>
          </span>
        )}
        <span>
          {data.siblings.length} other process{data.siblings.length === 1 ? "" : "es"} started by the same parent
        </span>
        <span>
          {withAlerts} process{withAlerts === 1 ? "" : "es"} with alerts
        </span>
        <Link prefetch={false} className="text-sky-600 hover:underline dark:text-sky-400" href={`/hosts/${encodeURIComponent(data.host.id)}?from=${encodeURIComponent(data.window.from)}&to=${encodeURIComponent(data.window.to)}`}>
          Whole host tree
        </Link>
        {data.truncated && <span className="text-amber-600">Window truncated to the first 5,000 processes</span>}
      </div>
      {data.focusKey === null && <div className="text-sm text-amber-600">The alert&apos;s process was not found among the host&apos;s process events.</div>}
      <ProcessTreeView tree={data.tree} focusKey={data.focusKey} alerts={alerts} />
    </section>
  );
}
