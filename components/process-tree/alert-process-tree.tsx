"use client";

import { useEffect, useState } from "react";
import type { AlertProcessTreeJson } from "@/lib/process-tree/get-alert-process-tree";
import { ProcessTreeView } from "./process-tree-view";

/** The alert's process tree (ancestors, descendants, siblings within ±1 h), fetched from the API. */
export function AlertProcessTree({ alertId }: { alertId: string }) {
  const [data, setData] = useState<AlertProcessTreeJson | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setData(null);
    setError(null);
    fetch(`/api/v1/alerts/${encodeURIComponent(alertId)}/process-tree`, { headers: { accept: "application/json" } })
      .then(async (res) => {
        const body = await res.json().catch(() => null);
        if (!res.ok) throw new Error(body?.error?.message ?? `HTTP ${res.status}`);
        if (live) setData(body as AlertProcessTreeJson);
      })
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [alertId]);

  if (error) return <div role="alert" className="card p-4 text-sm text-rose-600 dark:text-rose-300">Could not load the process tree: {error}</div>;
  if (!data) return <div className="card p-4 text-sm text-slate-500" aria-busy="true">Loading the process tree…</div>;
  const name = (k: string) => data.tree.nodes[k]?.name ?? "?";
  return (
    <section aria-label="Alert process tree" className="flex flex-col gap-2">
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
        {data.lineage.length > 0 && (
          <span>
            Lineage: <span className="font-mono text-slate-700 dark:text-slate-200">{data.lineage.map(name).join(" ← ")}</span>
          </span>
        )}
        <span>{data.siblings.length} other process{data.siblings.length === 1 ? "" : "es"} started by the same parent</span>
        <a className="text-sky-600 hover:underline dark:text-sky-400" href={`/hosts/${encodeURIComponent(data.host.id)}?from=${encodeURIComponent(data.window.from)}&to=${encodeURIComponent(data.window.to)}`}>
          Whole host tree
        </a>
        {data.truncated && <span className="text-amber-600">Window truncated to the first 5,000 processes</span>}
      </div>
      {data.focusKey === null && <div className="text-sm text-amber-600">The alert&apos;s process was not found among the host&apos;s process events.</div>}
      <ProcessTreeView tree={data.tree} focusKey={data.focusKey} />
    </section>
  );
}
