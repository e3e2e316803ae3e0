"use client";

import Link from "next/link";
import { CommandLine } from "@/components/alerts/command-line";
import type { ProcessNode } from "@/lib/process-tree/types";
import type { ProcessAlert } from "./alert-badges";

/** The selected process: its fields and its raw event. Every value is rendered as text. */
export function ProcessNodeDetails({ node, parent, alerts = [] }: { node: ProcessNode | null; parent: ProcessNode | null; alerts?: ProcessAlert[] }) {
  if (!node) {
    return <div className="p-4 text-sm text-slate-500 dark:text-slate-400">Select a process to see its event.</div>;
  }
  const edge = node.edge
    ? node.edge.inferred
      ? node.edge.via === "pid"
        ? "inferred from host + pid/ppid + time"
        : "inferred from the child's parent fields"
      : "exact (process.parent.entity_id)"
    : "none (root)";
  const rows: [string, string | number | null][] = [
    ["Name", node.name],
    ["PID", node.pid],
    ["Parent PID", node.ppid],
    ["Parent", parent ? `${parent.name ?? "?"} (${parent.pid ?? "?"})` : null],
    ["Edge to parent", edge],
    ["Entity ID", node.entityId],
    ["Executable", node.executable],
    ["User", node.userName],
    ["Host", node.hostName ?? node.hostId],
    ["Started", node.startedAt],
    ["event.id", node.event?.eventId ?? null],
    ["Store seq", node.event?.seq ?? null],
  ];
  return (
    <div className="flex flex-col gap-3 p-4 text-sm" data-testid="process-details">
      <div className="flex items-center gap-2">
        <h3 className="truncate font-mono font-semibold">{node.name ?? "(unnamed process)"}</h3>
        {node.synthesized && <span className="rounded bg-amber-500/15 px-1.5 py-0.5 text-xs text-amber-600 dark:text-amber-300">no start event</span>}
      </div>
      <div>
        <div className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Command line</div>
        <div className="rounded-md bg-slate-100 p-2 dark:bg-slate-950">
          <CommandLine value={node.commandLine} compact testId="details-command-line" />
        </div>
      </div>
      {alerts.length > 0 && (
        <div>
          <div className="mb-1 text-xs font-medium tracking-wide text-slate-500 uppercase">Alerts on this process</div>
          <ul className="space-y-0.5 text-xs">
            {alerts.map((a) => (
              <li key={a.id}>
                {a.current ? (
                  <span>{a.ruleName} (this alert)</span>
                ) : (
                  <Link prefetch={false} href={`/alerts/${encodeURIComponent(a.id)}`} className="text-sky-600 hover:underline dark:text-sky-400">
                    {a.ruleName} · {a.severity}
                  </Link>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
      <dl className="grid grid-cols-[8rem_1fr] gap-x-3 gap-y-1 text-xs">
        {rows.map(([k, v]) => (
          <div key={k} className="contents">
            <dt className="text-slate-500">{k}</dt>
            <dd className="break-all font-mono">{v === null || v === undefined || v === "" ? "—" : String(v)}</dd>
          </div>
        ))}
      </dl>
      {node.synthesized ? (
        <p className="text-xs text-slate-500">
          Known only from its child&apos;s <code className="font-mono">process.parent.*</code> fields: no start event of this process is in the
          window.
        </p>
      ) : (
        <details>
          <summary className="cursor-pointer text-xs font-medium uppercase tracking-wide text-slate-500">Raw event (JSON)</summary>
          <pre data-testid="details-raw" className="mt-1 max-h-96 overflow-auto whitespace-pre-wrap break-all rounded-md bg-slate-100 p-2 font-mono text-xs dark:bg-slate-950">
            {JSON.stringify(node.event?.doc ?? {}, null, 2)}
          </pre>
        </details>
      )}
    </div>
  );
}
