"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import { useApi } from "@/components/api/use-api";
import { MovementTable } from "./movement-table";
import type { MovementGraphJson } from "./types";
import { WindowRange, type TimeWindowValue } from "./window-range";

// React Flow measures the page: it renders in the browser only, after the data has arrived.
const MovementGraph = dynamic(() => import("./movement-graph").then((m) => m.MovementGraph), {
  ssr: false,
  loading: () => <p className="p-3 text-sm text-slate-500">Drawing the graph…</p>,
});

export interface MovementPanelProps {
  /** Narrow the graph to what touches one host or one address. */
  scope?: { hostId?: string; ip?: string; incidentId?: string };
  /** The range the sliders cover. */
  bounds: TimeWindowValue;
  window: TimeWindowValue;
  /** Called when the analyst picks another window (the page may keep it in its URL). */
  onWindowChange?: (w: TimeWindowValue) => void;
  presets?: { label: string; value: TimeWindowValue }[];
  patientZero?: string | null;
  /** Node ids to ring in blue (the alert's host). */
  highlight?: string[];
  height?: number;
}

const LEGEND: [string, string][] = [
  ["border-2 border-rose-500", "has alerts (count)"],
  ["border-2 border-slate-300 ring-4 ring-amber-400/70", "critical host"],
  ["border-2 border-dashed border-slate-400", "outside address"],
  ["border-2 border-slate-300 ring-4 ring-violet-500/60", "patient zero"],
];

/**
 * The movement graph with its time window, its counts and a truncation note, and a table view of
 * the same edges. Used by /movement and by the incident and alert pages.
 */
export function MovementPanel({ scope = {}, bounds, window: initial, onWindowChange, presets, patientZero = null, highlight, height }: MovementPanelProps) {
  const [own, setOwn] = useState(initial);
  const window = onWindowChange ? initial : own;
  const [view, setView] = useState<"graph" | "table">("graph");
  const q = new URLSearchParams({ from: window.from, to: window.to, ...(scope.hostId ? { hostId: scope.hostId } : {}), ...(scope.ip ? { ip: scope.ip } : {}), ...(scope.incidentId ? { incidentId: scope.incidentId } : {}) });
  const { data, error, loading } = useApi<MovementGraphJson>(`/api/v1/movement?${q}`);
  const change = (w: TimeWindowValue) => (onWindowChange ? onWindowChange(w) : setOwn(w));
  const hosts = data?.nodes.filter((n) => n.kind === "host").length ?? 0;
  const addresses = (data?.nodes.length ?? 0) - hosts;
  const alerted = data?.edges.filter((e) => e.alerts > 0).length ?? 0;

  return (
    <div className="space-y-2" data-testid="movement-panel">
      <WindowRange bounds={bounds} value={window} onChange={change} presets={presets} />
      <div className="flex flex-wrap items-center gap-3 text-xs">
        {data && (
          <span data-testid="movement-counts" className="text-slate-600 dark:text-slate-300">
            {hosts} host{hosts === 1 ? "" : "s"} · {addresses} outside address{addresses === 1 ? "" : "es"} · {data.edges.length} edge{data.edges.length === 1 ? "" : "s"} ({alerted} with alerts)
          </span>
        )}
        {loading && <span className="text-slate-500">Loading…</span>}
        <ul aria-label="Legend" className="flex flex-wrap gap-3 text-slate-600 dark:text-slate-300">
          {[...LEGEND, ...(highlight?.length ? [["border-2 border-slate-300 ring-4 ring-sky-500/70", "this alert's host"] as [string, string]] : [])].map(([cls, label]) => (
            <li key={label} className="flex items-center gap-1">
              <span aria-hidden className={`inline-block h-3 w-4 rounded-sm bg-white dark:bg-slate-900 ${cls}`} />
              {label}
            </li>
          ))}
        </ul>
        <div role="tablist" aria-label="Movement view" className="ml-auto flex rounded-md border border-slate-300 dark:border-slate-700">
          {(["graph", "table"] as const).map((v) => (
            <button key={v} role="tab" type="button" aria-selected={view === v} onClick={() => setView(v)} className={`px-2.5 py-1 ${view === v ? "bg-slate-200 font-medium dark:bg-slate-800" : "text-slate-600 dark:text-slate-300"}`}>
              {v === "graph" ? "Graph" : "Table"}
            </button>
          ))}
        </div>
      </div>
      {data?.truncated && (
        <p role="status" data-testid="movement-truncated" className="rounded-md bg-amber-400/15 px-2 py-1 text-xs text-amber-800 ring-1 ring-amber-500/40 dark:text-amber-300">
          Truncated: {data.nodes.length} of {data.totals.nodes} nodes and {data.edges.length} of {data.totals.edges} edges are drawn (the busiest: alerted first, then by connections). Narrow
          the window, or narrow the graph to one host or address.
        </p>
      )}
      {error && (
        <p role="alert" className="text-sm text-rose-600 dark:text-rose-300">
          {error}
        </p>
      )}
      {data &&
        (view === "graph" ? (
          data.nodes.length === 0 ? (
            <p className="rounded-md border border-dashed border-slate-300 p-6 text-center text-sm text-slate-500 dark:border-slate-700">No WinRM movement in this window.</p>
          ) : (
            <MovementGraph data={data} window={window} patientZero={patientZero} highlight={highlight} height={height} />
          )
        ) : (
          <MovementTable data={data} window={window} />
        ))}
    </div>
  );
}
