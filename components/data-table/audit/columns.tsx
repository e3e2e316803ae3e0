"use client";

import type { ColumnDef } from "@tanstack/react-table";
import { StateBadge } from "@/components/admin/badges";
import { formatMinute } from "@/components/format";
import type { AuditEntryJson } from "@/lib/db/queries/audit";

/** Columns of the audit trail. Labels and details can hold attacker-chosen text: text only, never HTML. */
function DetailsCell({ details }: { details: unknown }) {
  const empty = details === null || (typeof details === "object" && Object.keys(details as object).length === 0);
  if (empty) return <span className="text-xs text-slate-400">—</span>;
  return (
    <details className="group max-w-xl">
      <summary className="cursor-pointer text-xs text-sky-700 select-none hover:underline dark:text-sky-400">Details</summary>
      <pre className="mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-2 font-mono text-[11px] leading-relaxed whitespace-pre-wrap break-all dark:border-slate-800 dark:bg-slate-950">
        {JSON.stringify(details, null, 2)}
      </pre>
    </details>
  );
}

export function auditColumns(): ColumnDef<AuditEntryJson>[] {
  return [
    {
      id: "at",
      header: "Time",
      cell: ({ row }) => (
        <time dateTime={row.original.at} title={row.original.at} className="text-xs whitespace-nowrap text-slate-600 tabular-nums dark:text-slate-300">
          {formatMinute(row.original.at)}
        </time>
      ),
    },
    {
      id: "actor",
      header: "Actor",
      cell: ({ row }) => (
        <div className="max-w-64 min-w-40">
          <div className="truncate" title={row.original.actorLabel ?? undefined}>
            {row.original.actorLabel ?? row.original.actorId ?? "—"}
          </div>
          <div className="text-[11px] text-slate-500">{row.original.actorType}</div>
        </div>
      ),
    },
    { id: "action", header: "Action", cell: ({ row }) => <code className="font-mono text-xs whitespace-nowrap">{row.original.action}</code> },
    {
      id: "target",
      header: "Target",
      cell: ({ row }) =>
        row.original.targetType ? (
          <div className="max-w-64 text-xs">
            <span className="text-slate-500">{row.original.targetType}</span>{" "}
            <span className="font-mono break-all">{row.original.targetId}</span>
          </div>
        ) : (
          <span className="text-xs text-slate-400">—</span>
        ),
    },
    { id: "ok", header: "Outcome", cell: ({ row }) => <StateBadge ok={row.original.ok} label={row.original.ok ? "OK" : "Failed"} /> },
    { id: "ip", header: "IP", cell: ({ row }) => <span className="font-mono text-xs text-slate-500">{row.original.ip ?? "—"}</span> },
    { id: "details", header: "Details", cell: ({ row }) => <DetailsCell details={row.original.details} /> },
  ];
}
