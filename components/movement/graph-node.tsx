"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { nodeName } from "./graph-format";
import type { MovementNode } from "./types";

export type MovementFlowNode = Node<{ node: MovementNode; dimmed: boolean; patientZero: boolean; highlighted: boolean }, "movement">;


/** "external", "unknown host" or "2 owners" for an address node; null for a host. */
export function addressKind(n: MovementNode): string | null {
  if (n.kind === "host") return null;
  if (n.addressKind === "external") return "external";
  if (n.addressKind === "ambiguous" || n.owners.length > 1) return `${n.owners.length} owners`;
  return "unknown host";
}

/**
 * One host or outside address. Everything shown is React text (host names come from events and
 * are attacker-controlled). Alerts are a rose count and border; a critical host an amber ring and a
 * "critical" tag; an outside address a dashed border with "external" or "unknown host".
 */
export function MovementGraphNode({ data }: NodeProps<MovementFlowNode>) {
  const n = data.node;
  const kind = addressKind(n);
  const border = n.alerts > 0 ? "border-rose-500 dark:border-rose-400" : kind ? "border-dashed border-slate-400 dark:border-slate-500" : "border-slate-300 dark:border-slate-600";
  const ring = data.highlighted ? "ring-4 ring-sky-500/70" : n.critical ? "ring-4 ring-amber-400/70" : data.patientZero ? "ring-4 ring-violet-500/60" : "";
  return (
    <div
      data-node-id={n.id}
      data-alerts={n.alerts}
      data-critical={n.critical ? "true" : undefined}
      className={`flex h-12 w-44 cursor-pointer flex-col justify-center rounded-md border-2 bg-white px-2 text-left shadow-sm transition-opacity dark:bg-slate-900 ${border} ${ring} ${data.dimmed ? "opacity-30" : ""}`}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className="!h-1 !w-1 !min-w-0 !border-0 !bg-transparent" />
      <div className="flex min-w-0 items-center gap-1">
        <span className="truncate font-mono text-xs font-semibold text-slate-900 dark:text-slate-100">{nodeName(n)}</span>
        {n.alerts > 0 && (
          <span className="ml-auto shrink-0 rounded bg-rose-600 px-1 text-[10px] font-semibold text-white" title={`${n.alerts} alerts`}>
            {n.alerts}
          </span>
        )}
      </div>
      <div className="flex min-w-0 items-center gap-1 text-[10px] text-slate-600 dark:text-slate-300">
        {kind ? (
          <span className={kind === "unknown host" ? "italic" : "text-amber-700 dark:text-amber-400"} title={n.owners.map((o) => o.hostName ?? o.hostId).join(" / ") || undefined}>
            {kind}
          </span>
        ) : (
          <span className="truncate font-mono">{n.ip ?? "host"}</span>
        )}
        {n.critical && <span className="ml-auto shrink-0 font-semibold text-amber-700 uppercase dark:text-amber-400">critical</span>}
        {data.patientZero && !n.critical && <span className="ml-auto shrink-0 font-semibold text-violet-700 dark:text-violet-300">patient zero</span>}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className="!h-1 !w-1 !min-w-0 !border-0 !bg-transparent" />
    </div>
  );
}
